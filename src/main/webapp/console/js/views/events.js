// Publish an event of a chosen type with a JSON payload, then follow the deliveries it created.
import {get, post} from '../api.js';
import {add, clear, h} from '../dom.js';
import {busy, empty, heading, problem, slot} from '../ui.js';
import {deliveryTable} from './deliveries.js';

const FOLLOW_MS = 1000;
const FOLLOW_TIMES = 30;

export async function events(main, params, caller) {
    const types = h('datalist', {id: 'event-types'});
    const type = h('input', {id: 'event-type', required: true, list: 'event-types', placeholder: 'order.created', 'data-test': 'event-type'});
    const data = h('textarea', {id: 'event-data', rows: 8, class: 'mono', spellcheck: 'false', 'data-test': 'event-data',
        value: '{\n  "order_id": 42\n}'});
    const id = h('input', {id: 'event-id', autocomplete: 'off', placeholder: 'generated when empty'});
    const submit = h('button', {type: 'submit', 'data-test': 'publish'}, 'Publish');
    const result = slot('event-result');
    let timer = null;
    const form = h('form', {class: 'card grid-form', onsubmit: event => {
        event.preventDefault();
        busy(submit, result, async () => {
            let payload;
            try {
                payload = JSON.parse(data.value || '{}');
            } catch (error) {
                throw new Error(`The payload is not JSON: ${error.message}`);
            }
            const body = {type: type.value.trim(), data: payload};
            if (id.value.trim()) body.id = id.value.trim();
            const accepted = await post('/events', body);
            follow(accepted);
        });
    }},
        h('label', {for: 'event-type'}, 'Type'), type, types,
        h('label', {for: 'event-data'}, 'Payload (JSON)'), data,
        h('label', {for: 'event-id'}, 'Event id (optional; the same id again creates nothing)'), id,
        h('div', null, submit));
    add(main, heading('Events'), caller.allowed.publish_events ? form
        : empty('Your roles do not allow publishing events.'), result);

    /** Shows the event's deliveries, again every second until all are delivered or failed (at most 30 s). */
    function follow(accepted) {
        clearInterval(timer);
        const table = h('div', {'data-test': 'event-deliveries'});
        result.replaceChildren(h('p', {'data-test': 'accepted'}, `Event ${accepted.id} accepted: ${accepted.deliveries} ${accepted.deliveries === 1 ? 'delivery' : 'deliveries'}.`), table);
        let times = 0;
        const load = async () => {
            try {
                const answer = await get(`/webhooks/deliveries?${new URLSearchParams({event_id: accepted.id, limit: '100'})}`);
                clear(table, answer.data.length ? deliveryTable(answer.data, caller, load, result, true)
                    : empty('No endpoint is subscribed to this type.', 'Subscribe one on the Webhooks page.'));
                if (++times >= FOLLOW_TIMES || answer.data.every(d => d.status === 'delivered' || d.status === 'failed')) clearInterval(timer);
            } catch (error) {
                clearInterval(timer);
                clear(table, problem(error));
            }
        };
        load();
        timer = setInterval(load, FOLLOW_MS);
    }

    try {
        const endpoints = await get('/webhooks?limit=100');
        const known = new Set(endpoints.data.flatMap(e => e.events).filter(e => !e.includes('*')));
        clear(types, [...known].sort().map(t => h('option', {value: t})));
    } catch {
        // suggestions only
    }
    type.focus();
    return () => clearInterval(timer);
}
