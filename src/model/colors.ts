/** The color functions reporters take (picocolors' shape); the CLI decides whether they color. */
import type pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;
