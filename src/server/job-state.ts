// An import job as the API gives it (GET /api/v1/imports/:batch and its events): a module of its
// own, with no imports, so that the web app can name the type without taking in the server.
export interface JobState {
  id: number;
  file: string;
  status: 'queued' | 'reading' | 'stored' | 'failed';
  reason: string | null;
  reportId: number | null;
  duplicate: boolean;
}
