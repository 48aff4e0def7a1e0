// Wire shapes shared by every module's schemas.
import { z } from 'zod';

/**
 * An amount as it arrives: a decimal string, or a JSON number whose literal text the body parser
 * kept as a string (shared/json.ts). Parsed into fen with shared/money.ts parseAmount.
 */
export const wireAmount = z.union([z.string().max(20), z.number()]);
