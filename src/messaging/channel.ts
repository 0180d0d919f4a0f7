/** The platforms a person can be reached on. */
export type Channel = 'telegram' | 'zalo' | 'console';
