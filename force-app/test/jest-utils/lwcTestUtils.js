// Shared helpers for the LWC Jest suites: mount a component, reach into nested shadow roots, let promises settle,
// and clean the DOM between tests.
import { createElement } from 'lwc';

/**
 * Creates the component, sets its public properties and attaches it to the document.
 */
export function mount(tagName, Component, properties = {}) {
  const element = createElement(tagName, { is: Component });
  Object.assign(element, properties);
  document.body.appendChild(element);
  return element;
}

/**
 * Removes every mounted component.
 */
export function resetDom() {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
}

/**
 * Resolves after pending promise callbacks (Apex mocks, re-renders) have run. Works with fake timers.
 */
export async function flushPromises(rounds = 5) {
  for (let i = 0; i < rounds; i++) {
    await Promise.resolve();
  }
}

/**
 * Follows selectors through nested shadow roots: shadowQuery(page, 'c-grax-link-step', 'lightning-input').
 */
export function shadowQuery(root, ...selectors) {
  let node = root;
  for (const selector of selectors) {
    if (!node) {
      return null;
    }
    node = (node.shadowRoot || node).querySelector(selector);
  }
  return node;
}

/**
 * All matches of the last selector after following the others through shadow roots.
 */
export function shadowQueryAll(root, ...selectors) {
  const parent = selectors.length > 1 ? shadowQuery(root, ...selectors.slice(0, -1)) : root;
  if (!parent) {
    return [];
  }
  return Array.from((parent.shadowRoot || parent).querySelectorAll(selectors[selectors.length - 1]));
}

/**
 * The visible text of an element, whitespace collapsed.
 */
export function textOf(element) {
  return element ? element.textContent.replace(/\s+/g, ' ').trim() : '';
}

/**
 * Types value into a lightning-input the way the base component reports it: value set, then a change event.
 */
export function typeInto(input, value) {
  input.value = value;
  input.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}
