/** Validation messages worded as the documented examples word them. */
export const Msg = {
  required: 'This field is required.',
  blank: 'This field may not be blank.',
  notNull: 'This field may not be null.',
  string: 'Not a valid string.',
  boolean: 'Must be a valid boolean.',
  integer: 'A valid integer is required.',
  email: 'Enter a valid email address.',
  object: 'Expected a dictionary of items.',
  list: 'Expected a list of items.',
  decimal: 'A valid number is required.',
  url: 'Enter a valid URL.',
  nullCharacter: 'Null characters are not allowed.',
  choice: (value: unknown) => `"${String(value)}" is not a valid choice.`,
  minLength: (min: number) => `Ensure this field has at least ${min} characters.`,
  maxLength: (max: number) => `Ensure this field has no more than ${max} characters.`,
  greaterThan: (min: number) => `Ensure this value is greater than ${min}.`,
};
