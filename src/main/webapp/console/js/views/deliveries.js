// The table of deliveries that the endpoint page, the dead letters and the events page share.
import {post} from '../api.js';
import {badge, h, time, toast} from '../dom.js';
import {busy} from '../ui.js';

/** Retrying is possible once a delivery is finished (delivered or failed); a scheduled one answers 409. */
export function retryable(delivery) {
    return delivery.status === 'delivered' || delivery.status === 'failed';
}

export function retryButton(delivery, caller, reload, result) {
    if (!caller.allowed.retry_deliveries || !retryable(delivery)) return null;
    return h('button', {type: 'button', class: 'secondary', 'data-test': 'retry', onclick: event => busy(event.currentTarget, result,
        async () => {
            const answer = await post(`/webhooks/deliveries/${delivery.id}/retry`);
            toast(`Delivery retried: ${answer.status}${answer.response_status_code ? ` (HTTP ${answer.response_status_code})` : ''}.`);
            await reload();
        })}, 'Retry');
}

export function deliveryTable(deliveries, caller, reload, result, withEndpoint) {
    const columns = ['Event', 'Status', 'Attempts', 'Last answer', 'Created', withEndpoint ? 'Endpoint' : null, ''].filter(c => c !== null);
    return h('table', {class: 'list'},
        h('thead', null, h('tr', null, columns.map(c => h('th', {scope: 'col'}, c)))),
        h('tbody', null, deliveries.map(d => h('tr', {'data-test': 'delivery', 'data-id': d.id, 'data-status': d.status},
            h('td', {'data-label': 'Event'}, h('a', {href: `#/deliveries/${d.id}`}, d.event_type)),
            h('td', {'data-label': 'Status'}, badge(d.status, 'delivery-status'),
                d.next_retry_at ? h('span', {class: 'muted'}, ` next ${time(d.next_retry_at)}`) : null),
            h('td', {'data-label': 'Attempts'}, `${d.attempt_count} / ${d.max_attempts}`),
            h('td', {'data-label': 'Last answer'}, d.response_status_code ? `HTTP ${d.response_status_code}` : (d.error ?? '—')),
            h('td', {'data-label': 'Created'}, time(d.created_at)),
            withEndpoint ? h('td', {'data-label': 'Endpoint'}, h('a', {href: `#/webhooks/${d.endpoint_id}`, class: 'mono'},
                d.endpoint_id.slice(0, 8))) : null,
            h('td', {class: 'actions'}, retryButton(d, caller, reload, result))))));
}
