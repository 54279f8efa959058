/** Swagger property options shared by response DTOs. */

/** A nullable money amount: a decimal string on the wire. */
export const moneyProperty = (description: string, example = '34.99') => ({ description, type: String, nullable: true, example });

/** An ISO 8601 UTC timestamp. */
export const dateTimeProperty = (description: string, nullable = false) => ({ description, type: String, format: 'date-time', nullable });
