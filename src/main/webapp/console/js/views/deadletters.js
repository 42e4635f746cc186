// Dead letters: failed deliveries across every endpoint, newest first, each with a retry.
import {get} from '../api.js';
import {add, clear, h} from '../dom.js';
import {empty, heading, pager, problem, slot} from '../ui.js';
import {navigate} from '../app.js';
import {deliveryTable} from './deliveries.js';

export async function deadLetters(main, params, caller, query) {
    const page = Number(query.get('page') ?? 1);
    const result = slot('dead-letters-result');
    const table = h('div', {'data-test': 'dead-letters'});
    add(main, heading('Dead letters'),
        h('p', {class: 'muted'}, 'Deliveries that used up their attempts. Retry one here, or recover an endpoint\'s since a time on its page.'),
        result, table);
    async function load() {
        try {
            const answer = await get(`/webhooks/deliveries?${new URLSearchParams({status: 'failed', page: String(page), limit: '20'})}`);
            clear(table, answer.data.length ? deliveryTable(answer.data, caller, load, result, true)
                : empty('No dead letters.', 'Every delivery so far arrived or is still being retried.'),
            pager(answer.pagination, to => navigate(`/dead-letters?page=${to}`)));
        } catch (error) {
            clear(table, problem(error));
        }
    }
    await load();
}
