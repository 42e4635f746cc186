// One webhook endpoint: edit it, enable or disable, send a test event, rotate the secret, delete; its health, its
// deliveries with a status filter and pages, and recovery of its failed deliveries since a time.
import {del, get, post, put} from '../api.js';
import {add, badge, clear, facts, h, time, toast} from '../dom.js';
import {busy, empty, heading, pager, problem, secretOnce, slot} from '../ui.js';
import {navigate} from '../app.js';
import {list} from './webhooks.js';
import {deliveryTable} from './deliveries.js';

const STATUSES = ['', 'pending', 'retrying', 'delivered', 'failed'];

export async function webhook(main, [id], caller, query) {
    const endpoint = await get(`/webhooks/${id}`);
    const status = query.get('status') ?? '';
    const page = Number(query.get('page') ?? 1);
    const result = slot('webhook-result');
    const manage = caller.allowed.manage_webhooks;
    const go = (to, filter = status) => navigate(`/webhooks/${id}?${new URLSearchParams({page: String(to), status: filter})}`);

    const buttons = manage ? h('div', {class: 'row'},
        h('button', {type: 'button', 'data-test': 'send-test', onclick: event => busy(event.currentTarget, result, async () => {
            const delivery = await post(`/webhooks/${id}/test`);
            result.replaceChildren(h('p', {'data-test': 'test-result'}, 'Test delivery ', badge(delivery.status), ' ',
                delivery.response_status_code ? `HTTP ${delivery.response_status_code}` : (delivery.error ?? ''), ' ',
                h('a', {href: `#/deliveries/${delivery.id}`}, 'details')));
            await loadDeliveries();
        })}, 'Send test event'),
        h('button', {type: 'button', class: 'secondary', 'data-test': 'rotate', onclick: event => busy(event.currentTarget, result,
            async () => {
                if (!confirm('Rotate the secret? The old one keeps signing beside the new one for the grace period.')) return;
                const rotated = await post(`/webhooks/${id}/secret/rotate`);
                result.replaceChildren(secretOnce(rotated.secret, 'New signing secret.'));
            })}, 'Rotate secret'),
        h('button', {type: 'button', class: 'danger', onclick: event => busy(event.currentTarget, result, async () => {
            if (!confirm(`Delete ${endpoint.name} and all its deliveries?`)) return;
            await del(`/webhooks/${id}`);
            toast(`${endpoint.name} deleted.`);
            navigate('/webhooks');
        })}, 'Delete')) : null;

    const filter = h('select', {id: 'status-filter', 'data-test': 'status-filter', onchange: () => go(1, filter.value)},
        STATUSES.map(s => h('option', {value: s, selected: s === status}, s || 'all')));
    const deliveries = h('div', {'data-test': 'deliveries'});
    add(main, heading(endpoint.name, badge(endpoint.is_active ? 'active' : 'disabled'),
        badge(endpoint.is_healthy ? 'healthy' : 'unhealthy', 'health')),
        h('section', {class: 'card'}, h('h2', null, 'Endpoint'), facts([
            ['URL', h('span', {class: 'mono wrap'}, endpoint.url)], ['events', endpoint.events.join(', ')],
            ['secret', h('span', {class: 'mono'}, endpoint.secret)],
            ['consecutive failures', String(endpoint.consecutive_failures)],
            ['last delivery', time(endpoint.last_delivery_at)], ['last failure', time(endpoint.last_failure_at)],
            ['retries, timeout', `${endpoint.retry_count}, ${endpoint.timeout_seconds} s`], ['created', time(endpoint.created_at)]])),
        buttons, result,
        manage ? editForm(endpoint, result) : null,
        h('h2', null, 'Deliveries'),
        h('div', {class: 'row'}, h('label', {for: 'status-filter'}, 'Status'), filter),
        deliveries,
        manage ? recoverForm(id, result) : null);

    async function loadDeliveries() {
        const search = new URLSearchParams({page: String(page), limit: '20'});
        if (status) search.set('status', status);
        try {
            const answer = await get(`/webhooks/${id}/deliveries?${search}`);
            clear(deliveries, answer.data.length ? deliveryTable(answer.data, caller, loadDeliveries, result, false)
                : empty(status ? `No ${status} deliveries.` : 'No deliveries yet.', 'Send a test event or publish an event.'),
            pager(answer.pagination, go));
        } catch (error) {
            clear(deliveries, problem(error));
        }
    }
    await loadDeliveries();
}

function editForm(endpoint, result) {
    const name = h('input', {id: 'edit-name', required: true, value: endpoint.name});
    const url = h('input', {id: 'edit-url', type: 'url', required: true, value: endpoint.url});
    const events = h('input', {id: 'edit-events', required: true, value: endpoint.events.join(', ')});
    const active = h('input', {id: 'edit-active', type: 'checkbox', checked: endpoint.is_active, 'data-test': 'edit-active'});
    const submit = h('button', {type: 'submit', 'data-test': 'save-webhook'}, 'Save');
    return h('details', {class: 'card'}, h('summary', null, 'Edit'),
        h('form', {class: 'grid-form', onsubmit: event => {
            event.preventDefault();
            busy(submit, result, async () => {
                await put(`/webhooks/${endpoint.id}`, {name: name.value.trim(), url: url.value.trim(), events: list(events.value),
                    is_active: active.checked});
                toast('Saved.');
                navigate(`/webhooks/${endpoint.id}`);
            });
        }},
            h('label', {for: 'edit-name'}, 'Name'), name, h('label', {for: 'edit-url'}, 'URL'), url,
            h('label', {for: 'edit-events'}, 'Events'), events,
            h('label', {class: 'check'}, active, ' Active'), h('div', null, submit)));
}

function recoverForm(id, result) {
    const since = h('input', {id: 'recover-since', type: 'datetime-local', required: true, step: 1, 'data-test': 'recover-since'});
    const submit = h('button', {type: 'submit', 'data-test': 'recover'}, 'Recover failed deliveries');
    return h('form', {class: 'card grid-form', onsubmit: event => {
        event.preventDefault();
        busy(submit, result, async () => {
            const answer = await post(`/webhooks/${id}/recover`, {since: new Date(since.value).toISOString()});
            toast(`${answer.recovered} failed deliveries queued again.`);
            result.replaceChildren(h('p', {'data-test': 'recovered'}, `${answer.recovered} failed deliveries queued again.`));
        });
    }}, h('h2', null, 'Recover'), h('label', {for: 'recover-since'}, 'Failed since (your local time)'), since, h('div', null, submit));
}
