// Small DOM helpers: elements from data, never from HTML strings, so API text can never become markup.

/** An element: h('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child, [more]). */
export function h(tag, props, ...children) {
    return build(document.createElement(tag), props, children);
}

/** An SVG element (charts). */
export function svg(tag, props, ...children) {
    return build(document.createElementNS('http://www.w3.org/2000/svg', tag), props, children);
}

function build(el, props, children) {
    for (const [key, value] of Object.entries(props ?? {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
        else if (key === 'class') el.setAttribute('class', value);
        else if (key === 'value' && 'value' in el) el.value = value;
        else el.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        el.append(child instanceof Node ? child : String(child));
    }
    return el;
}

/** Appends children to el like h() does: arrays flattened, null and false left out. */
export function add(el, ...children) {
    return build(el, null, children);
}

/** Replaces the children of el. */
export function clear(el, ...children) {
    el.replaceChildren();
    return build(el, null, children);
}

/** A local date and time for an RFC 3339 instant, or a dash. */
export function time(iso) {
    if (!iso) return '—';
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : at.toLocaleString();
}

export function ms(value) {
    return value === null || value === undefined ? '—' : `${value} ms`;
}

export function percent(rate) {
    return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(rate < 0.1 && rate > 0 ? 2 : 1)} %`;
}

/** Pretty JSON, or the text as it is when it is not JSON. */
export function pretty(text) {
    if (typeof text !== 'string') return JSON.stringify(text, null, 2);
    try {
        return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
        return text;
    }
}

/** A coloured badge for a status word (healthy, open, failed, …). */
export function badge(word, test) {
    return h('span', {class: `badge badge-${String(word).replace(/[^a-z-]/g, '')}`, 'data-test': test}, word);
}

/** A definition list of [term, description] pairs. */
export function facts(pairs) {
    return h('dl', {class: 'facts'}, pairs.filter(Boolean).map(([term, value]) => [h('dt', null, term), h('dd', null, value)]));
}

/** A short message in the page's live region. */
export function toast(message) {
    const region = document.getElementById('toast');
    region.textContent = message;
    region.classList.add('shown');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => region.classList.remove('shown'), 4000);
}
