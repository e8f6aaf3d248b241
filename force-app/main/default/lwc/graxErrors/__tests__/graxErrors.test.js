import { messageOf } from 'c/graxErrors';

describe('c/graxErrors', () => {
  it('reads the message of an AuraHandledException', () => {
    expect(messageOf({ body: { message: 'You need the GRAX: Manage Connection custom permission.' } })).toBe(
      'You need the GRAX: Manage Connection custom permission.',
    );
  });

  it('joins the messages of an error list', () => {
    expect(messageOf({ body: [{ message: 'First.' }, { message: 'Second.' }] })).toBe('First. Second.');
  });

  it('reads plain errors and strings', () => {
    expect(messageOf(new Error('Failed to fetch'))).toBe('Failed to fetch');
    expect(messageOf('Offline')).toBe('Offline');
  });

  it('falls back to advice when there is nothing to read', () => {
    expect(messageOf(undefined)).toBe('Unexpected error. Reload the page and try again.');
    expect(messageOf({ body: {} })).toBe('Unexpected error. Reload the page and try again.');
  });
});
