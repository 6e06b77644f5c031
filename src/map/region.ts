// TEMPORARY stub until the region resolver lands.
import type { Region } from '../model/report.ts';
export function resolveRegion(_agency: string | null, _text: string): Region | null { return null; }
