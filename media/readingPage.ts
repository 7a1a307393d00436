// The reading page's script: hover and focus cards for mentions and claims, filled with textContent
// only from the page's JSON data block, and the sidebar's links. The build (build.mjs) compiles it and
// inlines it into the page, allowed by the page's CSP by hash or nonce.
import type { ReadingPageData } from '../src/model/output/readingPageData';

const data = JSON.parse(document.getElementById('marginalia-data')?.textContent ?? '{}') as ReadingPageData;
const card = document.getElementById('card') as HTMLElement;

function line(className: string, text: string): HTMLElement {
  const element = document.createElement(className === 'title' ? 'div' : 'p');
  element.className = className;
  element.textContent = text;
  return element;
}

function show(target: Element): void {
  const mention = target.closest<HTMLElement>('[data-entity]');
  const claimSpan = target.closest<HTMLElement>('[data-claim]');
  card.replaceChildren();
  if (mention) {
    const entity = data.entities[mention.dataset.entity ?? ''];
    if (!entity) return;
    card.append(line('title', entity.name), line('meta', `${entity.kind} · ${entity.type} · ${entity.mentions}${entity.mentions === 1 ? ' mention' : ' mentions'}`));
    if (entity.summary) card.append(line('summary', entity.summary));
    if (entity.aliases.length) card.append(line('meta', `Also: ${entity.aliases.join(', ')}`));
    for (const claim of entity.claims) card.append(line('claim', `“${claim.summary}” — ${claim.claimant}${claim.stance ? ` · ${claim.stance}` : ''}`));
  } else if (claimSpan) {
    const claim = data.claims[claimSpan.dataset.claim ?? ''];
    if (!claim) return;
    card.append(line('title', `Claim · ${claim.claimant}${claim.stance ? ` · ${claim.stance}` : ''}`), line('summary', claim.summary));
    if (claim.answers) card.append(line('meta', `${claim.stance || 'answers'}: ${claim.answers}`));
    for (const answer of claim.answeredBy) card.append(line('meta', `Answered by ${answer}`));
  } else {
    return;
  }
  const box = (mention ?? claimSpan)!.getBoundingClientRect();
  card.hidden = false;
  card.style.left = `${Math.max(8, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - card.offsetWidth - 8))}px`;
  card.style.top = `${window.scrollY + box.bottom + 6}px`;
}

function hide(): void {
  card.hidden = true;
}

for (const element of document.querySelectorAll<HTMLElement>('[data-entity], [data-claim]')) {
  element.tabIndex = 0;
  element.addEventListener('mouseenter', (event) => show(event.target as Element));
  element.addEventListener('focus', (event) => show(event.target as Element));
  element.addEventListener('mouseleave', hide);
  element.addEventListener('blur', hide);
}
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') hide();
});

function reveal(selector: string): void {
  const target = document.querySelector(selector);
  if (!target) return;
  target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  target.classList.add('flash');
  setTimeout(() => target.classList.remove('flash'), 1500);
}

for (const link of document.querySelectorAll<HTMLElement>('aside a[data-go-claim]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    reveal(`[data-claim="${CSS.escape(link.dataset.goClaim ?? '')}"]`);
  });
}
for (const link of document.querySelectorAll<HTMLElement>('aside a[data-go-entity]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    reveal(`[data-entity="${CSS.escape(link.dataset.goEntity ?? '')}"]`);
  });
}
