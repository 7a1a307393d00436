import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationFileParser } from '../../src/model/format/annotationFileParser';
import { buildArticleModel } from '../../src/model/article/buildArticleModel';
import { parseArticle } from '../../src/model/article/articleParser';
import { buildClaimTree } from '../../src/model/article/claimTree';
import { mentionAt } from '../../src/model/article/modelQueries';
import { HOVER_COMMANDS, claimHoverMarkdown, entityHoverMarkdown, escapeMarkdown } from '../../src/model/output/hoverCards';

const projectRoot = join(__dirname, '../../..');
const ARTICLE = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.md'), 'utf8');
const ANNOTATIONS = readFileSync(join(projectRoot, 'articles/dw-albania-iran-cyberattacks.annotations.json'), 'utf8');
const model = buildArticleModel(parseArticle(ARTICLE, 'dw-albania-iran-cyberattacks.md'), new AnnotationFileParser().parse(ANNOTATIONS, 'a.json'));

describe('Claim tree', () => {
  const tree = buildClaimTree(model);

  it('nests the Iranian Foreign Ministry\'s rebuttal under the Albanian government\'s accusation, in article order', () => {
    const accusation = tree.roots.find((node) => node.claim.record.id === 'albania-accuses-iran');
    assert.ok(accusation);
    assert.ok(accusation.answers.some((node) => node.claim.record.id === 'iran-dismisses-allegations'));
    const starts = tree.roots.map((node) => node.claim.anchor.start!);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  it('nests counterclaims of counterclaims: Shahi disputes Demiraj, who qualifies the widely-thought claim', () => {
    const motive = tree.byId.get('mek-presence-motive')!;
    const demiraj = motive.answers.find((node) => node.claim.record.id === 'demiraj-dispute-predates-mek')!;
    assert.ok(demiraj.answers.some((node) => node.claim.record.id === 'shahi-no-major-disagreements'));
    assert.equal(tree.orphans.length, 0);
  });

  it('puts claims whose passage is lost in the orphan group', () => {
    const edited = buildArticleModel(parseArticle(ARTICLE.replace('Tehran considers MEK to be a terrorist organization.', 'Nothing to see.'), 'x.md'), model.annotationFile);
    assert.deepEqual(buildClaimTree(edited).orphans.map((node) => node.claim.record.id), ['tehran-mek-terrorist']);
  });
});

describe('Hover cards', () => {
  const uri = 'file:///articles/dw.md';

  it('shows an entity\'s name, kind, summary, aliases, mention number, and its claims', () => {
    const tims = model.mentionsByEntity.get('tims')!;
    const card = entityHoverMarkdown(model, tims[1], uri);
    assert.match(card, /^\*\*Total Information Management System\*\* · system · database/);
    assert.match(card, /Mention 2 of 4/);
    assert.match(card, /\*Also:\* TIMS/);
    assert.match(card, /\*\*Claims about it\*\* \(2\)/);
    const rama = entityHoverMarkdown(model, model.mentionsByEntity.get('edi-rama')![0], uri);
    assert.match(rama, /\*\*Claims it makes\*\* \(1\)/);
    assert.match(rama, /\*supports\*/);
  });

  it('links only to Marginalia\'s own commands and to http(s) pages', () => {
    const card = entityHoverMarkdown(model, model.mentionsByEntity.get('iran')![0], uri);
    const targets = [...card.matchAll(/\]\(([^ )]+)/g)].map((m) => m[1]);
    assert.ok(targets.length > 5);
    for (const target of targets) {
      const command = /^command:([\w.]+)/.exec(target)?.[1];
      assert.ok(command ? (HOVER_COMMANDS as readonly string[]).includes(command) : /^https:\/\//.test(target), target);
    }
  });

  it('escapes file content, so a summary cannot add links, HTML or commands', () => {
    const hostile = '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold**';
    const escaped = escapeMarkdown(hostile);
    assert.ok(!/\[click\]\(/.test(escaped));
    assert.ok(!escaped.includes('<img'));
    assert.ok(!escaped.includes('**'));
    const annotations = JSON.parse(ANNOTATIONS);
    annotations.entities[0].summary = hostile;
    annotations.entities[0].links = [{ title: 'x', url: 'https://example.org/a) [y](command:evil' }];
    const hostileModel = buildArticleModel(parseArticle(ARTICLE, 'dw.md'), new AnnotationFileParser().parse(JSON.stringify(annotations), 'a.json'));
    const card = entityHoverMarkdown(hostileModel, hostileModel.mentionsByEntity.get(annotations.entities[0].id)![0], uri);
    assert.ok(!card.includes('command:workbench'), card);
    const targets = [...card.matchAll(/\]\(([^ )]+)/g)].map((m) => m[1]);
    for (const target of targets) assert.ok(/^(command:marginalia\.|https:\/\/)/.test(target), target);
    assert.ok(targets.includes('https://example.org/a%29%20%5By%5D%28command:evil'), 'the hostile URL stays one https link');
  });

  it('shows a claim\'s claimant, stance, the claim it answers and the claims that answer it', () => {
    const rebuttal = model.claims.find((c) => c.record.id === 'iran-dismisses-allegations')!;
    const card = claimHoverMarkdown(model, rebuttal, uri);
    assert.match(card, /^\*\*Claim\*\* · Iranian Foreign Ministry · \*disputes\*/);
    assert.match(card, /Albania says Iran orchestrated/);
    const accusation = model.claims.find((c) => c.record.id === 'albania-accuses-iran')!;
    const accusationCard = claimHoverMarkdown(model, accusation, uri);
    assert.match(accusationCard, /\*\*Answered by\*\* \(\d+\)/);
    assert.match(accusationCard, /Copy as citation/);
  });

  it('finds the mention under an offset', () => {
    const at = ARTICLE.indexOf('Edi Rama');
    assert.equal(mentionAt(model, at + 2)?.entityId, 'edi-rama');
    assert.equal(mentionAt(model, ARTICLE.indexOf('capital, Tirana') + 2), undefined);
  });
});
