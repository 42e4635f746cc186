// Sign in: paste a bearer token, or on a default local run sign in with one click.
import {get, post, session, forget} from '../api.js';
import {h} from '../dom.js';
import {busy, problem, slot} from '../ui.js';

export async function signIn(main, done) {
    const result = slot('sign-in-result');
    const token = h('textarea', {id: 'token', rows: 4, required: true, class: 'mono', autocomplete: 'off', spellcheck: 'false',
        placeholder: 'eyJhbGciOiJSUzI1NiIs…', 'data-test': 'token'});
    const submit = h('button', {type: 'submit', 'data-test': 'sign-in'}, 'Sign in');
    const form = h('form', {class: 'card', onsubmit: event => {
        event.preventDefault();
        busy(submit, result, () => accept(token.value.trim()));
    }},
        h('label', {for: 'token'}, 'Bearer token'),
        token,
        h('p', {class: 'muted'}, 'Print one with ', h('code', null, './codeai token'), ' (', h('code', null, '--role admin'),
            ' for admin controls), or use a token from your identity provider.'),
        submit);
    const local = h('section', {class: 'card', 'aria-labelledby': 'local-title'},
        h('h2', {id: 'local-title'}, 'Local sign-in'), h('p', {class: 'muted'}, 'Checking…'));
    main.replaceChildren(h('div', {class: 'title'}, h('h1', {tabindex: '-1'}, 'Sign in')), form, local, result);
    token.focus();

    async function accept(value) {
        if (!value) throw new Error('Paste a token first.');
        await get('/me', {token: value}); // proves the token before keeping it
        session.set(value);
        forget();
        done();
    }

    try {
        const availability = await get('/console/local-sign-in', {token: null});
        local.replaceChildren(h('h2', {id: 'local-title'}, 'Local sign-in'));
        if (availability.available) {
            const asAdmin = h('button', {type: 'button', 'data-test': 'local-admin'}, 'Sign in as local admin');
            const asUser = h('button', {type: 'button', class: 'secondary', 'data-test': 'local-user'}, 'Sign in as local user');
            const mint = (button, admin) => busy(button, result, async () => {
                const minted = await post('/console/local-sign-in', {admin}, {token: null});
                await accept(minted.token);
            });
            asAdmin.addEventListener('click', () => mint(asAdmin, true));
            asUser.addEventListener('click', () => mint(asUser, false));
            local.append(h('p', {class: 'muted'}, 'This server signs its own tokens and you are on its machine.'),
                h('div', {class: 'row'}, asAdmin, asUser));
        } else {
            local.append(h('p', {class: 'muted', 'data-test': 'local-unavailable'}, availability.reason),
                h('button', {type: 'button', disabled: true}, 'Sign in as local admin'));
        }
    } catch (error) {
        local.replaceChildren(h('h2', {id: 'local-title'}, 'Local sign-in'), problem(error));
    }
}
