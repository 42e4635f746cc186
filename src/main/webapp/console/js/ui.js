// Shared pieces of the views: problem boxes, empty states, pagination, copy buttons, busy buttons.
import {h} from './dom.js';

/** An alert with the problem's detail (and its field errors), for any error a view catches. */
export function problem(error) {
    const fields = error?.problem?.errors ?? [];
    return h('div', {class: 'problem', role: 'alert', 'data-test': 'problem'},
        h('strong', null, error?.status ? `${error.status} ${error.problem?.title ?? ''}`.trim() : 'Error'),
        h('p', null, error?.message ?? String(error)),
        fields.length ? h('ul', null, fields.map(f => h('li', null, h('code', null, f.field), ' ', f.message))) : null,
        error?.problem?.correlation_id ? h('p', {class: 'muted'}, `correlation id ${error.problem.correlation_id}`) : null);
}

export function empty(message, hint) {
    return h('div', {class: 'empty', 'data-test': 'empty'}, h('p', null, message), hint ? h('p', {class: 'muted'}, hint) : null);
}

/** A slot whose content a view replaces (a result, a problem). */
export function slot(test) {
    return h('div', {class: 'slot', 'aria-live': 'polite', 'data-test': test});
}

/** Runs action while the button is disabled; shows a problem in target when it fails. */
export async function busy(button, target, action) {
    button.disabled = true;
    try {
        target?.replaceChildren();
        return await action();
    } catch (error) {
        if (target) target.replaceChildren(problem(error));
        else throw error;
    } finally {
        button.disabled = false;
    }
}

/** Previous/next for the API's pagination envelope. */
export function pager(pagination, go, test = 'pager') {
    if (!pagination || pagination.total_pages <= 1) return null;
    return h('nav', {class: 'pager', 'aria-label': 'Pages', 'data-test': test},
        h('button', {type: 'button', disabled: !pagination.has_previous, onclick: () => go(pagination.page - 1)}, '← Previous'),
        h('span', null, `Page ${pagination.page} of ${pagination.total_pages} (${pagination.total})`),
        h('button', {type: 'button', disabled: !pagination.has_next, onclick: () => go(pagination.page + 1), 'data-test': 'next-page'},
            'Next →'));
}

/** A secret shown once, with a copy button. */
export function secretOnce(secret, what) {
    const status = h('span', {class: 'muted', 'aria-live': 'polite'});
    const copy = h('button', {type: 'button', 'data-test': 'copy-secret', onclick: async () => {
        try {
            await navigator.clipboard.writeText(secret);
            status.textContent = 'Copied.';
        } catch {
            field.select();
            status.textContent = 'Select and copy it with Ctrl+C.';
        }
    }}, 'Copy');
    const field = h('input', {type: 'text', readonly: true, value: secret, 'aria-label': 'Signing secret', 'data-test': 'secret',
        class: 'mono', size: 48});
    return h('div', {class: 'secret', role: 'region', 'aria-label': 'New signing secret'},
        h('p', null, h('strong', null, what), ' It is shown only now: store it where the receiver can read it.'),
        h('div', {class: 'row'}, field, copy, status));
}

/** Headers of a fetch Response or a plain object, as a table. */
export function headerTable(entries, test) {
    const rows = entries.map(([name, value]) => h('tr', null, h('th', {scope: 'row'}, name), h('td', {class: 'mono'}, value)));
    return rows.length ? h('table', {class: 'headers', 'data-test': test}, h('tbody', null, rows)) : h('p', {class: 'muted'}, 'No headers.');
}

export function heading(text, ...extra) {
    return h('div', {class: 'title'}, h('h1', {tabindex: '-1'}, text), ...extra);
}
