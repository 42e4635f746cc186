// Webhook endpoints: the list (with an active filter and pages), and a form that creates one and shows its secret once.
import {del, get, post, put} from '../api.js';
import {add, badge, clear, h, time, toast} from '../dom.js';
import {busy, empty, heading, pager, problem, secretOnce, slot} from '../ui.js';
import {navigate} from '../app.js';

export async function webhooks(main, params, caller, query) {
    const page = Number(query.get('page') ?? 1);
    const active = query.get('is_active') ?? '';
    const list = h('div', {'data-test': 'webhook-list'});
    const result = slot('webhooks-result');
    const filter = h('select', {id: 'active-filter', onchange: () => go(1, filter.value)},
        [['', 'all'], ['true', 'active'], ['false', 'disabled']].map(([value, label]) =>
            h('option', {value, selected: value === active}, label)));
    add(main, heading('Webhooks'), caller.allowed.manage_webhooks ? createForm(result, () => load()) : null, result,
        h('div', {class: 'row'}, h('label', {for: 'active-filter'}, 'Show'), filter), list);

    function go(to, activeFilter = active) {
        const search = new URLSearchParams({page: String(to)});
        if (activeFilter) search.set('is_active', activeFilter);
        navigate(`/webhooks?${search}`);
    }

    async function load() {
        const search = new URLSearchParams({page: String(page), limit: '20'});
        if (active) search.set('is_active', active);
        const answer = await get(`/webhooks?${search}`);
        if (!answer.data.length) {
            clear(list, empty(active ? 'No endpoint matches this filter.' : 'No webhook endpoints yet.',
                caller.allowed.manage_webhooks ? 'Create one above.' : null));
            return;
        }
        clear(list, h('table', {class: 'list'},
            h('thead', null, h('tr', null, ['Name', 'URL', 'Events', 'State', 'Last delivery', ''].map(c => h('th', {scope: 'col'}, c)))),
            h('tbody', null, answer.data.map(endpoint => row(endpoint, caller, load, result)))),
        pager(answer.pagination, go));
    }
    await load();
}

function row(endpoint, caller, reload, result) {
    const manage = caller.allowed.manage_webhooks;
    const toggle = event => busy(event.currentTarget, result, async () => {
        await put(`/webhooks/${endpoint.id}`, {is_active: !endpoint.is_active});
        toast(`${endpoint.name} ${endpoint.is_active ? 'disabled' : 'enabled'}.`);
        await reload();
    });
    return h('tr', {'data-test': 'webhook', 'data-id': endpoint.id},
        h('td', {'data-label': 'Name'}, h('a', {href: `#/webhooks/${endpoint.id}`}, endpoint.name)),
        h('td', {'data-label': 'URL', class: 'mono wrap'}, endpoint.url),
        h('td', {'data-label': 'Events'}, endpoint.events.join(', ')),
        h('td', {'data-label': 'State'}, badge(endpoint.is_active ? 'active' : 'disabled'), ' ',
            badge(endpoint.is_healthy ? 'healthy' : 'unhealthy')),
        h('td', {'data-label': 'Last delivery'}, time(endpoint.last_delivery_at)),
        h('td', {class: 'actions'}, manage ? [
            h('button', {type: 'button', class: 'secondary', onclick: toggle}, endpoint.is_active ? 'Disable' : 'Enable'),
            h('button', {type: 'button', class: 'danger', onclick: event => busy(event.currentTarget, result, async () => {
                if (!confirm(`Delete ${endpoint.name} and all its deliveries?`)) return;
                await del(`/webhooks/${endpoint.id}`);
                toast(`${endpoint.name} deleted.`);
                await reload();
            })}, 'Delete')] : null));
}

/** The create form; the answer's secret is shown once, with a copy button. */
function createForm(result, reload) {
    const name = h('input', {id: 'wh-name', required: true, maxlength: 255, 'data-test': 'webhook-name'});
    const url = h('input', {id: 'wh-url', type: 'url', required: true, placeholder: 'https://example.com/webhooks', 'data-test': 'webhook-url'});
    const events = h('input', {id: 'wh-events', required: true, placeholder: 'order.*, payment.succeeded', 'data-test': 'webhook-events'});
    const secret = h('input', {id: 'wh-secret', placeholder: 'generated when empty', class: 'mono', autocomplete: 'off'});
    const submit = h('button', {type: 'submit', 'data-test': 'create-webhook'}, 'Create endpoint');
    const form = h('form', {class: 'card grid-form', onsubmit: event => {
        event.preventDefault();
        busy(submit, result, async () => {
            const body = {name: name.value.trim(), url: url.value.trim(), events: list(events.value)};
            if (secret.value.trim()) body.secret = secret.value.trim();
            const created = await post('/webhooks', body);
            form.reset();
            result.replaceChildren(h('div', {class: 'card', 'data-test': 'created'},
                h('p', null, 'Created ', h('a', {href: `#/webhooks/${created.id}`, 'data-test': 'created-link'}, created.name), '.'),
                secretOnce(created.secret, 'Signing secret.')));
            await reload();
        });
    }},
        h('h2', null, 'New endpoint'),
        h('label', {for: 'wh-name'}, 'Name'), name,
        h('label', {for: 'wh-url'}, 'URL'), url,
        h('label', {for: 'wh-events'}, 'Events (comma-separated; prefix.* and * match many)'), events,
        h('label', {for: 'wh-secret'}, 'Secret (optional, whsec_…)'), secret,
        h('div', null, submit));
    return form;
}

export function list(text) {
    return text.split(',').map(s => s.trim()).filter(Boolean);
}

