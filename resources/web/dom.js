// Small DOM helpers. Text from the network only ever becomes text nodes (textContent,
// createTextNode) or a validated http(s) href: never HTML.

/**
 * Creates an element.
 * @param {string} tag
 * @param {object} [props] properties set on the element (className, href, ...); `dataset`
 *   and `attrs` (attributes such as aria-*) are objects applied key by key.
 * @param {...(Node|string)} children strings become text nodes.
 */
export function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
        if (value === undefined || value === null) continue;
        if (key === 'dataset') Object.assign(node.dataset, value);
        else if (key === 'attrs') for (const [name, v] of Object.entries(value)) node.setAttribute(name, v);
        else node[key] = value;
    }
    for (const child of children) {
        if (child !== null && child !== undefined && child !== false) {
            node.append(typeof child === 'string' ? document.createTextNode(child) : child);
        }
    }
    return node;
}

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/giu;
const TRAILING = /[.,;:!?'"”’»)\]}]$/u;

// A URL found in running text without the punctuation that follows it in the sentence; a
// closing bracket stays when the URL opened one (https://en.wikipedia.org/wiki/Foo_(bar)).
function trimUrl(candidate) {
    let url = candidate;
    while (TRAILING.test(url)) {
        const last = url.at(-1);
        const open = { ')': '(', ']': '[', '}': '{' }[last];
        const count = (c) => url.split(c).length - 1;
        if (open && count(open) >= count(last)) break;
        url = url.slice(0, -1);
    }
    return url;
}

/**
 * @p text as a fragment of text nodes, with http and https URLs as links that open in a new
 * tab without giving it this page (rel="noopener noreferrer").
 */
export function linkified(text) {
    const fragment = document.createDocumentFragment();
    let last = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
        const url = trimUrl(match[0]);
        let href = null;
        try {
            const parsed = new URL(url);
            if (parsed.protocol === 'http:' || parsed.protocol === 'https:') href = parsed.href;
        } catch {
            href = null;
        }
        if (!href) continue;
        fragment.append(document.createTextNode(text.slice(last, match.index)));
        fragment.append(el('a', { href, target: '_blank', rel: 'noopener noreferrer' }, url));
        last = match.index + url.length;
    }
    fragment.append(document.createTextNode(text.slice(last)));
    return fragment;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'medium' });

/** A <time> for ISO 8601 @p ts: local time (with the day when not today), full date on hover. */
export function timeElement(ts) {
    const date = new Date(ts);
    if (Number.isNaN(date.getTime())) return el('time', {}, '');
    const today = new Date().toDateString() === date.toDateString();
    return el('time', { dateTime: date.toISOString(), title: fullFormat.format(date) },
        (today ? timeFormat : dayTimeFormat).format(date));
}

/** "3 minutes ago"-style text for @p ts (ISO 8601), or '' when it is not a date. */
export function relativeTime(ts, now = Date.now()) {
    const then = new Date(ts).getTime();
    if (Number.isNaN(then)) return '';
    const seconds = Math.round((then - now) / 1000);
    const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
    for (const [unit, size] of [['day', 86400], ['hour', 3600], ['minute', 60]]) {
        if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
    }
    return 'just now';
}

/** English plural: plural(3, 'member') -> "3 members". */
export function plural(count, word, many = word + 's') {
    return `${count} ${count === 1 ? word : many}`;
}
