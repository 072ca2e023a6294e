import { describe, expect, it } from 'vitest';
import type { DeltaPage } from '../../../lib/sync/delta-page';
import { type PageAnswer, PageQueue, pageWeight } from '../../../lib/sync/page-queue';

// A round's pages asked for ahead of the writes, and an increment's arrived pages taken as one (issue #18).

/** A chain of `count` pages of `size` items each, page i linking to page i + 1, the last holding the deltaLink. */
function chain(count: number, size = 2): Map<string, DeltaPage> {
  const pages = new Map<string, DeltaPage>();
  for (let i = 0; i < count; i++) {
    const items = Array.from({ length: size }, (_, j) => ({ id: `p${i}-${j}`, removed: true as const }));
    pages.set(`link${i}`, i < count - 1 ? { items, nextLink: `link${i + 1}` } : { items, deltaLink: 'delta' });
  }
  return pages;
}

/** Graph as the queue sees it: each asked link answered when the test says so. */
function graph(pages: Map<string, DeltaPage | 'resync' | Error>) {
  const asked: string[] = [];
  const pending = new Map<string, () => void>();
  const ask = (link: string): Promise<PageAnswer> => {
    asked.push(link);
    return new Promise((resolve, reject) => {
      pending.set(link, () => {
        const page = pages.get(link)!;
        if (page instanceof Error) reject(page);
        else resolve(page);
      });
    });
  };
  const answer = async (link: string) => {
    pending.get(link)!();
    pending.delete(link);
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { asked, ask, answer };
}

const idsOf = (page: PageAnswer) => (page === 'resync' ? [] : page.items.map((item) => item.id));

describe('PageQueue', () => {
  it('asks for up to `ahead` pages behind the one being written, each from the page before it', async () => {
    const g = graph(chain(6));
    const queue = new PageQueue(g.ask, 2, g.ask('link0'));
    await g.answer('link0');
    expect(g.asked).toEqual(['link0', 'link1']);
    await g.answer('link1');
    // Two unread (link0, link1): the third waits until one is taken.
    expect(g.asked).toEqual(['link0', 'link1']);
    const first = await queue.take(0);
    expect(idsOf(first.page)).toEqual(['p0-0', 'p0-1']);
    expect(first.pages).toBe(1);
    expect(g.asked).toEqual(['link0', 'link1', 'link2']);
  });

  it('joins the arrived pages behind the next one, up to the item limit, and no page not yet arrived', async () => {
    const g = graph(chain(5));
    const queue = new PageQueue(g.ask, 4, g.ask('link0'));
    for (const link of ['link0', 'link1', 'link2']) await g.answer(link);
    // link3 is asked for but has not arrived: the take stops before it.
    const taken = await queue.take(6);
    expect(taken.pages).toBe(3);
    expect(idsOf(taken.page)).toEqual(['p0-0', 'p0-1', 'p1-0', 'p1-1', 'p2-0', 'p2-1']);
    expect(taken.page !== 'resync' && taken.page.nextLink).toBe('link3');
    await g.answer('link3');
    await g.answer('link4');
    // Limit 3 items: one page of 2 fits, two (4 items) do not.
    const next = await queue.take(3);
    expect(next.pages).toBe(1);
    const last = await queue.take(3);
    expect(last.page !== 'resync' && last.page.deltaLink).toBe('delta');
  });

  it("weighs a page by its objects and the member links they carry (a large group's page is mostly links)", async () => {
    const members = (n: number) => Array.from({ length: n }, (_, i) => ({ userId: `u${i}`, removed: false }));
    const group = (id: string, links: number) => ({ id, removed: false as const, object: { id }, members: members(links) });
    const pages = new Map<string, DeltaPage>([
      ['link0', { items: [group('g1', 499)], nextLink: 'link1' }],
      ['link1', { items: [group('g1', 500)], nextLink: 'link2' }],
      ['link2', { items: [group('g2', 9)], deltaLink: 'delta' }],
    ]);
    expect(pageWeight(pages.get('link0')!)).toBe(500);
    const g = graph(pages);
    const queue = new PageQueue(g.ask, 4, g.ask('link0'));
    for (const link of ['link0', 'link1', 'link2']) await g.answer(link);
    // 500 + 501 fit 1,001 and not 1,000; the same group twice is fine (applyDeltaPage takes items in order).
    expect((await queue.take(1000)).pages).toBe(1);
    const rest = await queue.take(1000);
    expect(rest.pages).toBe(2);
    expect(idsOf(rest.page)).toEqual(['g1', 'g2']);
  });

  it('never joins when the limit is 0 (a full read page by page, fullReadPageByPage)', async () => {
    const g = graph(chain(3));
    const queue = new PageQueue(g.ask, 1, g.ask('link0'));
    await g.answer('link0');
    const taken = await queue.take(0);
    expect(taken.pages).toBe(1);
    await g.answer('link1');
    expect((await queue.take(0)).pages).toBe(1);
  });

  it('hands Graph\'s "start again" and a failed page on their own, the failure when it is taken', async () => {
    const pages = new Map<string, DeltaPage | 'resync' | Error>(chain(2));
    pages.set('link1', new Error('Graph answered 503'));
    const g = graph(pages);
    const queue = new PageQueue(g.ask, 4, g.ask('link0'));
    await g.answer('link0');
    await g.answer('link1');
    const taken = await queue.take(100);
    expect(taken.pages).toBe(1);
    await expect(queue.take(100)).rejects.toThrow('Graph answered 503');

    const refused = graph(new Map([['link0', 'resync' as const]]));
    const again = new PageQueue(refused.ask, 4, refused.ask('link0'));
    await refused.answer('link0');
    expect(await again.take(100)).toEqual({ page: 'resync', pages: 1 });
    expect(refused.asked).toEqual(['link0']);
  });
});
