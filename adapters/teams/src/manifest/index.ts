export { teamsAppPackage, type TeamsAppPackage } from './app-package';
export { teamsManifest, type TeamsManifestOptions } from './teams-manifest';
export { teamsManifestSchema, TEAMS_MANIFEST_SCHEMA, TEAMS_MANIFEST_VERSION, isGuid, type TeamsManifest } from './manifest-schema';
export { TEAMS_MENU_COMMANDS, teamsCommandList } from './teams-commands';
export { ACCENT_COLOR, colorIcon, outlineIcon } from './icons';
export { encodePng, type Raster } from './png';
