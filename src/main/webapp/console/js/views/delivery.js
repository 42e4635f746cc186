// One delivery: its state and payload, and every attempt with the headers it sent, the answer and its timing.
import {get} from '../api.js';
import {add, badge, facts, h, ms, pretty, time} from '../dom.js';
import {empty, headerTable, heading, slot} from '../ui.js';
import {navigate} from '../app.js';
import {retryButton} from './deliveries.js';

export async function delivery(main, [id], caller) {
    const {delivery: d, attempts} = await get(`/webhooks/deliveries/${id}`);
    const result = slot('delivery-result');
    add(main, heading(`Delivery of ${d.event_type}`, badge(d.status, 'delivery-status')),
        h('section', {class: 'card'}, facts([
            ['endpoint', h('a', {href: `#/webhooks/${d.endpoint_id}`, class: 'mono'}, d.endpoint_id)],
            ['event id', h('span', {class: 'mono'}, d.event_id)], ['attempts', `${d.attempt_count} of ${d.max_attempts}`],
            ['next attempt', time(d.next_retry_at)], ['last attempt', time(d.last_attempt_at)], ['created', time(d.created_at)]]),
        h('h3', null, 'Payload'), h('pre', {class: 'body', tabindex: '0'}, pretty(d.payload))),
        h('div', {class: 'row'}, retryButton(d, caller, () => navigate(`/deliveries/${id}`), result)), result,
        h('h2', null, 'Attempts'),
        attempts.length ? h('ol', {class: 'attempts', 'data-test': 'attempts'}, attempts.map(attempt))
            : empty('No attempt yet.', d.next_retry_at ? `The first is due ${time(d.next_retry_at)}.` : null));
}

function attempt(a) {
    const answer = a.response_status_code ? `HTTP ${a.response_status_code}` : (a.error ?? 'no answer');
    return h('li', {class: 'card', 'data-test': 'attempt'},
        h('h3', null, `Attempt ${a.attempt_number}: `, h('span', {'data-test': 'attempt-status'}, answer)),
        facts([['at', time(a.created_at)], ['took', ms(a.duration_ms)], a.error ? ['error', a.error] : null]),
        h('h4', null, 'Request headers'), headerTable(Object.entries(a.request_headers ?? {}), 'request-headers'),
        h('h4', null, 'Response body'), h('pre', {class: 'body', tabindex: '0'}, a.response_body ? pretty(a.response_body) : '(empty)'));
}
