import * as assert from 'node:assert/strict';
import { applyEdits } from 'jsonc-parser';
import { appendRecord, editsInTurn, orderedClaim, removeElement, setValue, slugId } from '../../src/model/format/annotationEdits';

const FILE = `{
  "version": 1,
  "article": "a.md",
  "entities": [
    {
      "id": "iran",
      "kind": "actor",
      "type": "state",
      "name": "Iran"
    }
  ],
  "claims": [],
  "notes": []
}
`;

describe('Annotation file edits', () => {
  it('makes readable, unique ids from names and summaries', () => {
    assert.equal(slugId('Élysée Palace', new Set()), 'elysee-palace');
    assert.equal(slugId('Iran', new Set(['iran', 'iran-2'])), 'iran-3');
    assert.equal(slugId('The Foreign Ministry says the attack came from abroad', new Set()), 'the-foreign-ministry-says-the-attack');
    assert.equal(slugId('—', new Set(), 'claim'), 'claim');
  });

  it('appends a record in the format\'s key order with two-space indentation, leaving the rest of the file as it was', () => {
    const claim = orderedClaim({ stance: undefined, summary: 'S', passage: { position: { start: 1, end: 2 }, exact: 'x' }, claimant: 'iran', id: 'c' });
    const text = applyEdits(FILE, appendRecord(FILE, 'claims', claim));
    assert.equal(text.slice(0, FILE.indexOf('"claims"')), FILE.slice(0, FILE.indexOf('"claims"')));
    assert.match(text, /"claims": \[\n {4}\{\n {6}"id": "c",\n {6}"claimant": "iran",\n {6}"summary": "S",\n {6}"passage": \{\n {8}"exact": "x",\n {8}"position": \{/);
    assert.deepEqual(JSON.parse(text).claims, [{ id: 'c', claimant: 'iran', summary: 'S', passage: { exact: 'x', position: { start: 1, end: 2 } } }]);
  });

  it('makes neighbouring changes in turn, as one edit', () => {
    const edits = editsInTurn(FILE, [(t) => setValue(t, ['entities', 0, 'name'], 'Islamic Republic of Iran'), (t) => setValue(t, ['entities', 0, 'aliases'], ['Iran'])]);
    assert.equal(edits.length, 1);
    const entity = JSON.parse(applyEdits(FILE, edits)).entities[0];
    assert.deepEqual([entity.name, entity.aliases], ['Islamic Republic of Iran', ['Iran']]);
    assert.equal(applyEdits(FILE, editsInTurn(FILE, [(t) => removeElement(t, ['entities', 0])])).includes('"iran"'), false);
  });
});
