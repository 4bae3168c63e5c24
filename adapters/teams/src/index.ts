// @muster/teams: Microsoft Teams on the Microsoft 365 Agents SDK. See README.md.
export * from './manifest';
