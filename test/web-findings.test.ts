// The web app's placing of findings on cells (web/src/findings.ts): a cell, a row or group of rows,
// a column of any row (`*`), never a cell whose path merely starts with the same letters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { covers, findingsByCell, findingsDiff } from '../web/src/findings.ts';
import type { Diagnostic } from '../src/model/report.ts';

const d = (path: string, severity: Diagnostic['severity'] = 'error', rule = 'r'): Diagnostic => ({ rule, severity, message: `${rule} ${path}`, path, line: 1 });

test('a finding covers its cell, its row or group, or its column', () => {
  assert.equal(covers('applications.received.total', 'applications.received.total'), true);
  assert.equal(covers('applications.denied.stateSecret', 'applications.denied.stateSecret.naturalPerson'), true);
  assert.equal(covers('applications.denied', 'applications.denied.stateSecret.naturalPerson'), true);
  assert.equal(covers('applications.*.total', 'applications.denied.stateSecret.total'), true);
  assert.equal(covers('applications.*.total', 'applications.received.total'), true);
  assert.equal(covers('applications.*.total', 'applications.received.naturalPerson'), false);
  assert.equal(covers('applications.*.total', 'reviews.review.total'), false);
  assert.equal(covers('active.licensing', 'active.licensingFees.decisions'), false, 'a segment is whole');
  assert.equal(covers('applications.received.total', 'applications.received'), false, 'a cell does not cover its row');
  assert.equal(covers('meta.title', 'applications.received.total'), false);
});

test('each cell gets its findings, worst first; an edit says what appeared and what cleared', () => {
  const cells = ['applications.received.total', 'applications.received.naturalPerson'];
  const by = findingsByCell([d('applications.received', 'warning', 'w'), d('applications.received.total', 'error', 'e'), d('meta.title')], cells);
  assert.deepEqual(by.get('applications.received.total')!.map((f) => f.rule), ['e', 'w']);
  assert.deepEqual(by.get('applications.received.naturalPerson')!.map((f) => f.rule), ['w']);
  assert.equal(by.size, 2);
  const { appeared, cleared } = findingsDiff([d('a'), d('b')], [d('b'), d('c')]);
  assert.deepEqual(appeared.map((f) => f.path), ['c']);
  assert.deepEqual(cleared.map((f) => f.path), ['a']);
});
