import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { applyEdits } from 'jsonc-parser';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import {
  addAlias,
  addClaim,
  addEntity,
  addMentions,
  addNote,
  changeEntityType,
  deleteAnnotation,
  editText,
  isRefusal,
  renameEntity,
  setClaimField,
  type EditableAnnotationFile,
  type EditsOrRefusal,
} from '../../src/model/format/annotationOperations';
import type { AnnotationFile } from '../../src/model/format/annotationTypes';

// The annotating commands' changes, on the first article's annotation file: what each writes, and
// what each refuses (with the message the user sees).

const projectRoot = join(__dirname, '../../..');
const SAMPLE = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');
const parser = new AnnotationFileParser();
const PASSAGE = { exact: 'Tirana', prefix: 'in ', suffix: ' on', position: { start: 10, end: 16 } };

function editable(text: string): EditableAnnotationFile {
  const parsed = parser.parse(text, 'a.annotations.json');
  assert.ok(parsed.annotations, parsed.problems.map((p) => p.message).join('\n'));
  return { text, annotations: parsed.annotations, sourceIndexes: parsed.sourceIndexes };
}

/** The file after a change that must succeed, parsed, and checked to have no errors. */
function after(result: EditsOrRefusal, text = SAMPLE): AnnotationFile {
  assert.ok(!isRefusal(result), isRefusal(result) ? result.refuse : '');
  const changed = applyEdits(text, result);
  const parsed = parser.parse(changed, 'a.annotations.json');
  assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error').map((p) => p.message), []);
  return parsed.annotations!;
}

function refusal(result: EditsOrRefusal): string {
  assert.ok(isRefusal(result), 'expected a refusal');
  return result.refuse;
}

const file = editable(SAMPLE);

describe('Annotation operations', () => {
  it('adds an entity with an id from its name, keeping the passage a mention as an alias when the name differs', () => {
    const added = after(addEntity(file, { kind: 'actor', type: 'government', name: 'Tirana Municipality', summary: 'The capital' }, 'Tirana'));
    const entity = added.entities.find((e) => e.name === 'Tirana Municipality');
    assert.deepEqual(entity, { id: 'tirana-municipality', kind: 'actor', type: 'government', name: 'Tirana Municipality', aliases: ['Tirana'], summary: 'The capital' });
    assert.equal(after(addEntity(file, { kind: 'actor', type: 'government', name: 'Tirana' }, 'Tirana')).entities.find((e) => e.name === 'Tirana')?.aliases, undefined);
    assert.match(refusal(addEntity(file, { kind: 'actor', type: 'state', name: 'Iran' }, 'Iran')), /An entity is already named "Iran"\. Add the selection as an alias of it instead\./);
  });

  it('adds an alias, refusing one that names another entity or an entity that is not there', () => {
    assert.deepEqual(after(addAlias(file, 'iran', 'Persia')).entities.find((e) => e.id === 'iran')?.aliases?.slice(-1), ['Persia']);
    assert.match(refusal(addAlias(file, 'iran', 'Albania')), /"Albania" already names Albania; a name or alias belongs to one entity only\./);
    assert.match(refusal(addAlias(file, 'nobody', 'Persia')), /No entity "nobody"/);
  });

  it('adds a claim and its new claimant in one change, and an answer to an existing claim', () => {
    const result = addClaim(file, { claimant: { create: { kind: 'actor', type: 'person', name: 'Jane Analyst' } }, about: ['iran'], summary: ' Iran did it ', passage: PASSAGE });
    assert.equal((result as unknown[]).length, 1, 'one edit: one step to undo');
    const added = after(result);
    const claim = added.claims[added.claims.length - 1];
    assert.deepEqual(claim, { id: 'iran-did-it', claimant: 'jane-analyst', about: ['iran'], summary: 'Iran did it', passage: PASSAGE });
    assert.equal(added.entities.find((e) => e.id === 'jane-analyst')?.name, 'Jane Analyst');
    const answer = after(addClaim(file, { claimant: null, about: [], summary: 'Not so', passage: PASSAGE, answering: { claimId: 'albania-accuses-iran', stance: 'disputes' } })).claims.at(-1)!;
    assert.deepEqual([answer.claimant, answer.about, answer.answers, answer.stance], [null, undefined, 'albania-accuses-iran', 'disputes']);
    assert.match(refusal(addClaim(file, { claimant: null, about: [], summary: 'x', passage: PASSAGE, answering: { claimId: 'gone', stance: 'supports' } })), /No claim "gone" to answer\./);
    assert.match(refusal(addClaim(file, { claimant: { create: { kind: 'actor', type: 'state', name: 'Iran' } }, about: [], summary: 'x', passage: PASSAGE })), /already named "Iran"; choose it from the list/);
  });

  it('adds a note and explicit mentions', () => {
    const note = after(addNote(file, { passage: PASSAGE, text: '  Check this.  ', created: '2026-11-30' })).notes.at(-1)!;
    assert.deepEqual(note, { id: 'note-check-this', passage: PASSAGE, text: 'Check this.', created: '2026-11-30' });
    const mentions = after(addMentions(file, 'iran', [PASSAGE])).entities.find((e) => e.id === 'iran')!.mentions!;
    assert.deepEqual(mentions.at(-1), PASSAGE);
    assert.match(refusal(addMentions(file, 'nobody', [PASSAGE])), /No entity "nobody"/);
  });

  it('deletes a claim, making the claims that answered it top-level; refuses to delete an entity still in use', () => {
    const answers = file.annotations.claims.filter((c) => c.answers === 'albania-accuses-iran').map((c) => c.id);
    assert.ok(answers.length > 0);
    const deleted = after(deleteAnnotation(file, 'claim', 'albania-accuses-iran'));
    assert.ok(!deleted.claims.some((c) => c.id === 'albania-accuses-iran'));
    for (const id of answers) assert.deepEqual(deleted.claims.filter((c) => c.id === id).map((c) => [c.answers, c.stance]), [[undefined, undefined]]);
    assert.match(refusal(deleteAnnotation(file, 'entity', 'edi-rama')), /Edi Rama is used by \d+ claims and \d+ relations\. Change those first/);
    const noteId = file.annotations.notes[0].id;
    assert.ok(!after(deleteAnnotation(file, 'note', noteId)).notes.some((n) => n.id === noteId));
    assert.match(refusal(deleteAnnotation(file, 'note', 'gone')), /No note "gone"/);
  });

  it('renames an entity, keeping the old name as an alias; refuses a name another entity has', () => {
    const renamed = after(renameEntity(file, 'iran', 'Islamic Republic')).entities.find((e) => e.id === 'iran')!;
    assert.equal(renamed.name, 'Islamic Republic');
    assert.equal(renamed.aliases?.[0], 'Iran');
    assert.match(refusal(renameEntity(file, 'iran', 'Albania')), /"Albania" already names Albania\./);
  });

  it('edits summaries and note texts: an entity may lose its summary, a claim or a note may not be emptied', () => {
    assert.equal(after(editText(file, 'entity', 'iran', '  ')).entities.find((e) => e.id === 'iran')!.summary, undefined);
    assert.equal(after(editText(file, 'claim', 'albania-accuses-iran', 'New summary')).claims[0].summary, 'New summary');
    assert.match(refusal(editText(file, 'claim', 'albania-accuses-iran', ' ')), /A claim needs a summary\./);
    assert.match(refusal(editText(file, 'note', file.annotations.notes[0].id, '')), /A note needs its text\./);
  });

  it('changes an entity\'s kind and type, and a claim\'s claimant, stance and subjects', () => {
    const entity = after(changeEntityType(file, 'iran', 'system', 'software')).entities.find((e) => e.id === 'iran')!;
    assert.deepEqual([entity.kind, entity.type], ['system', 'software']);
    assert.equal(after(setClaimField(file, 'albania-accuses-iran', 'claimant', null)).claims[0].claimant, null);
    assert.equal(after(setClaimField(file, 'rama-undeniable-evidence', 'stance', 'qualifies')).claims[1].stance, 'qualifies');
    assert.equal(after(setClaimField(file, 'albania-accuses-iran', 'about', [])).claims[0].about, undefined);
    assert.match(refusal(setClaimField(file, 'albania-accuses-iran', 'stance', 'supports')), /answers no claim, so it has no stance/);
  });

  it('leaves a valid file valid, and changes nothing else, whatever sequence of operations is applied', () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('entity' as const), name: fc.constantFrom('Tirana', 'Iran', 'New Group', 'Ministry') }),
      fc.record({ op: fc.constant('alias' as const), alias: fc.constantFrom('Persia', 'Albania', 'the Group') }),
      fc.record({ op: fc.constant('claim' as const), summary: fc.constantFrom('A claim', 'Another claim', '') }),
      fc.record({ op: fc.constant('delete' as const), index: fc.nat(40) }),
      fc.record({ op: fc.constant('rename' as const), name: fc.constantFrom('Persia', 'Albania', 'Iran') }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 8 }), (steps) => {
        let text = SAMPLE;
        for (const s of steps) {
          const current = editable(text);
          const { entities, claims } = current.annotations;
          let result: EditsOrRefusal;
          if (s.op === 'entity') result = addEntity(current, { kind: 'actor', type: 'organization', name: s.name }, s.name);
          else if (s.op === 'alias') result = addAlias(current, entities[0].id, s.alias);
          else if (s.op === 'claim') result = addClaim(current, { claimant: entities[1].id, about: [], summary: s.summary || 'x', passage: PASSAGE });
          else if (s.op === 'delete') result = claims.length > 0 ? deleteAnnotation(current, 'claim', claims[s.index % claims.length].id) : { refuse: 'none' };
          else result = renameEntity(current, entities[1].id, s.name);
          if (isRefusal(result)) continue;
          const before = JSON.parse(text) as AnnotationFile;
          text = applyEdits(text, result);
          const parsed = parser.parse(text, 'a.annotations.json');
          assert.deepEqual(parsed.problems.filter((p) => p.severity === 'error').map((p) => p.message), [], s.op);
          // Notes are never touched by these operations.
          assert.deepEqual(parsed.annotations!.notes, before.notes);
        }
      }),
      { numRuns: 60 },
    );
  });
});
