import type { DeltaPage } from './delta-page';

/** A delta page as Graph answered it, or Graph's "start again" (410 and its kin: lib/sync/delta-round.ts). */
export type PageAnswer = DeltaPage | 'resync';

interface Asked {
  answer: Promise<PageAnswer>;
  /** Set once the answer has arrived (`failed`: its failure is reported when it is taken). */
  arrived?: PageAnswer | 'failed';
}

/** What a page weighs in a transaction: its objects and the member links they carry (a large group's page is mostly links). */
export function pageWeight(page: DeltaPage): number {
  let weight = 0;
  for (const item of page.items) weight += 1 + (item.removed ? 0 : (item.members?.length ?? 0));
  return weight;
}

/**
 * One round's pages, asked for ahead of the writes: while a page is written, up to `ahead` pages behind it are
 * fetched (each link comes from the page before it, so they arrive one after the other). `take` hands the next page
 * and, when `join` allows, the pages behind it that have already arrived, as one page: Graph's short pages then land
 * in few transactions instead of one each. Pages never taken (the run failed or stopped) are dropped: the
 * checkpoint still says where to resume.
 */
export class PageQueue {
  private readonly unread: Asked[] = [];
  private newest: Asked | undefined;
  /** The link after the newest page, when it arrived while `ahead` pages were already unread. */
  private waiting: string | undefined;

  constructor(
    private readonly ask: (link: string) => Promise<PageAnswer>,
    private readonly ahead: number,
    first: Promise<PageAnswer>,
  ) {
    this.push(first);
  }

  private push(answer: Promise<PageAnswer>): void {
    const entry: Asked = { answer };
    this.unread.push(entry);
    this.newest = entry;
    answer.then(
      (page) => {
        entry.arrived = page;
        if (entry !== this.newest || page === 'resync' || page.nextLink === undefined) return;
        if (this.unread.length < this.ahead) this.push(this.ask(page.nextLink));
        else this.waiting = page.nextLink;
      },
      () => {
        entry.arrived = 'failed';
      },
    );
  }

  /**
   * The next page (waiting for it), joined with the arrived pages behind it while the whole weighs at most `joinWeight`
   * (pageWeight: objects and member links; 0: never joined). Returns the page and how many of Graph's pages it holds; a failed page throws here.
   */
  async take(joinWeight: number): Promise<{ page: PageAnswer; pages: number }> {
    const first = this.unread.shift();
    if (!first) throw new Error('PageQueue.take: the round has no page left');
    const page = await first.answer;
    let joined = page;
    let pages = 1;
    let weight = joined === 'resync' ? 0 : pageWeight(joined);
    while (joined !== 'resync' && joined.nextLink !== undefined && joinWeight > 0) {
      const next = this.unread[0]?.arrived;
      if (next === undefined || next === 'failed' || next === 'resync') break;
      const nextWeight = pageWeight(next);
      if (weight + nextWeight > joinWeight) break;
      this.unread.shift();
      joined = { items: [...joined.items, ...next.items], ...linksOf(next) };
      weight += nextWeight;
      pages++;
    }
    if (this.waiting !== undefined && this.unread.length < this.ahead) {
      const link = this.waiting;
      this.waiting = undefined;
      this.push(this.ask(link));
    }
    return { page: joined, pages };
  }
}

function linksOf(page: DeltaPage): Pick<DeltaPage, 'nextLink' | 'deltaLink'> {
  return {
    ...(page.nextLink !== undefined ? { nextLink: page.nextLink } : {}),
    ...(page.deltaLink !== undefined ? { deltaLink: page.deltaLink } : {}),
  };
}
