/** Invented pages that list articles: a front page of teasers and a page of search results. */

export function frontPage(): string {
  const teaser = (i: number) =>
    `<div class="card"><h2><a href="/news/story-${i}">Council votes on the new tram line number ${i} after a long debate</a></h2><p>The regional council will decide on Monday whether line ${i} goes ahead, after months of talks with residents.</p><span>2 hours ago</span></div>`;
  return `<!doctype html><html><head><title>The Example Gazette - News, sport and weather</title></head><body><nav><a href="/">Home</a><a href="/sport">Sport</a></nav><main>${Array.from(
    { length: 20 },
    (_, i) => teaser(i),
  ).join("")}</main><footer>© The Example Gazette</footer></body></html>`;
}

export function searchPage(title: string): string {
  const result = (i: number) =>
    `<li><a href="/news/tram-${i}">Tram line ${i}: council approves plan after long debate</a><p>Mar ${i + 1}, 2024 — The council approved the tram line ${i} on Monday after a debate that lasted most of the afternoon and ended in a vote…</p></li>`;
  return `<!doctype html><html><head><title>${title} - The Example Gazette</title></head><body><h1>${title}</h1><p>About 120 results</p><ol>${Array.from(
    { length: 10 },
    (_, i) => result(i),
  ).join("")}</ol></body></html>`;
}
