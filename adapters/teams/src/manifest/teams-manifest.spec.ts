import { expect } from 'chai';
import { strFromU8, unzipSync } from 'fflate';
import { inflateSync } from 'node:zlib';
import { COMMANDS, isMusterError } from '@muster/core';
import { colorIcon, outlineIcon } from './icons';
import { encodePng } from './png';
import { teamsAppPackage } from './app-package';
import { teamsManifestSchema, TEAMS_MANIFEST_SCHEMA, type TeamsManifest } from './manifest-schema';
import { teamsManifest } from './teams-manifest';
import { TEAMS_MENU_COMMANDS } from './teams-commands';

const APP_ID = '0d9e3f1a-5b6c-4d7e-8f90-a1b2c3d4e5f6';

function refusal(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(isMusterError(error, 'configuration'), String(error)).to.equal(true);
    return (error as Error).message;
  }
  throw new Error('it should have been refused');
}

/** Width, height, bit depth, colour type from IHDR; the pixels from the (single) IDAT, unfiltered rows. */
function readPng(png: Uint8Array) {
  const buf = Buffer.from(png);
  expect(buf.subarray(0, 8).toString('hex')).to.equal('89504e470d0a1a0a');
  expect(buf.subarray(12, 16).toString('ascii')).to.equal('IHDR');
  const [width, height, depth, colourType] = [buf.readUInt32BE(16), buf.readUInt32BE(20), buf[24]!, buf[25]!];
  const idat = buf.indexOf('IDAT');
  const raw = inflateSync(buf.subarray(idat + 4, idat + 4 + buf.readUInt32BE(idat - 4)));
  const channels = colourType === 6 ? 4 : 3;
  const pixel = (x: number, y: number) => [...raw.subarray(y * (width * channels + 1) + 1 + x * channels, y * (width * channels + 1) + 1 + (x + 1) * channels)];
  return { width, height, depth, colourType, pixel };
}

describe('the Teams app manifest', () => {
  it('is schema v1.22 with the app id as app, bot and Entra app, in personal, team and group chat scopes', () => {
    const m = teamsManifest({ appId: APP_ID.toUpperCase() });
    expect(m).to.deep.include({ $schema: TEAMS_MANIFEST_SCHEMA, manifestVersion: '1.22', id: APP_ID, version: '1.0.0' });
    expect(m.bots[0]).to.deep.include({ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'], isNotificationOnly: false });
    expect(m.webApplicationInfo.id).to.equal(APP_ID);
    expect(m.authorization.permissions.resourceSpecific).to.deep.equal([
      { name: 'ChannelMessage.Read.Group', type: 'Application' },
      { name: 'ChatMessage.Read.Chat', type: 'Application' },
    ]);
    expect(teamsManifestSchema.safeParse(m).success).to.equal(true);
  });

  it("lists ten of core's commands with core's own help line, within Teams' title and description limits", () => {
    const { commands } = teamsManifest({ appId: APP_ID }).bots[0]!.commandLists[0]!;
    expect(commands).to.have.length(10);
    expect(commands.map((c) => c.title)).to.deep.equal([...TEAMS_MENU_COMMANDS]);
    for (const command of commands) {
      expect(command.description).to.equal(COMMANDS.find((c) => c.name === command.title)!.summary);
      expect(command.title.length).to.be.at.most(32);
      expect(command.description.length).to.be.at.most(128);
    }
  });

  it('points the developer links and the valid domain at MUSTER_PUBLIC_URL, and refuses one that is not https', () => {
    const m = teamsManifest({ appId: APP_ID, publicUrl: 'https://muster.contoso.com/' });
    expect(m.developer.websiteUrl).to.equal('https://muster.contoso.com');
    expect(m.validDomains).to.deep.equal(['muster.contoso.com']);
    expect(teamsManifest({ appId: APP_ID }).validDomains).to.deep.equal([]);
    expect(refusal(() => teamsManifest({ appId: APP_ID, publicUrl: 'http://muster.contoso.com' }))).to.include('must use https://');
    expect(refusal(() => teamsManifest({ appId: APP_ID, publicUrl: 'not a url' }))).to.include('is not a URL');
  });

  it('refuses an app id that is not a GUID, a name Teams would refuse and a version that is not semver, echoing no control characters', () => {
    for (const bad of ['', 'nope', `${APP_ID}0`, '28:0d9e3f1a-5b6c-4d7e-8f90-a1b2c3d4e5f6', '{0d9e3f1a-5b6c-4d7e-8f90-a1b2c3d4e5f6}']) {
      expect(refusal(() => teamsManifest({ appId: bad })), bad).to.include('must be a GUID');
    }
    expect(refusal(() => teamsManifest({ appId: '\u001b[2Jx' }))).to.include('"?[2Jx"').and.not.include('\u001b');
    expect(refusal(() => teamsManifest({ appId: APP_ID, name: 'M'.repeat(31) }))).to.include('1 to 30 characters');
    expect(refusal(() => teamsManifest({ appId: APP_ID, name: '   ' }))).to.include('1 to 30 characters');
    expect(refusal(() => teamsManifest({ appId: APP_ID, name: 'Muster\nAdmin' }))).to.include('control characters');
    expect(refusal(() => teamsManifest({ appId: APP_ID, version: 'v2' }))).to.include('version: version must be a semantic version');
    expect(teamsManifest({ appId: APP_ID, name: 'M'.repeat(30), version: '2.10.3' }).name.short).to.have.length(30);
  });

  it("has a schema that refuses what Teams refuses: long texts, a bad colour, eleven commands, a botId that is not the app's", () => {
    const good = teamsManifest({ appId: APP_ID });
    const broken = (change: (m: TeamsManifest) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return teamsManifestSchema.safeParse(copy).error?.issues.map((i) => i.path.join('.')) ?? [];
    };
    expect(broken((m) => { m.description.short = 'x'.repeat(81); })).to.deep.equal(['description.short']);
    expect(broken((m) => { m.description.full = 'x'.repeat(4001); })).to.deep.equal(['description.full']);
    expect(broken((m) => { m.accentColor = 'orange'; })).to.deep.equal(['accentColor']);
    expect(broken((m) => { m.bots[0]!.commandLists[0]!.commands.push({ title: 'close', description: 'Close.' }); })).to.deep.equal(['bots.0.commandLists.0.commands']);
    expect(broken((m) => { m.bots[0]!.commandLists[0]!.commands[0]!.title = 'x'.repeat(33); })).to.deep.equal(['bots.0.commandLists.0.commands.0.title']);
    expect(broken((m) => { m.bots[0]!.botId = '11111111-2222-3333-4444-555555555555'; })).to.deep.equal(['bots.0.botId']);
    expect(broken((m) => { Object.assign(m, { unknownField: true }); })).to.have.length(1);
  });
});

describe('the Teams app icons and package', () => {
  it('encodes a 192×192 full-colour icon (RGB, the accent colour and the white mark)', () => {
    const png = readPng(encodePng(colorIcon()));
    expect([png.width, png.height, png.depth, png.colourType]).to.deep.equal([192, 192, 8, 2]);
    expect(png.pixel(2, 2)).to.deep.equal([0xc2, 0x41, 0x0c]);
    // The exclamation mark's stem, in the middle of the icon, is white.
    expect(png.pixel(96, 80)).to.deep.equal([255, 255, 255]);
  });

  it('encodes a 32×32 outline icon: white wherever it is not transparent, transparent corners', () => {
    const png = readPng(encodePng(outlineIcon()));
    expect([png.width, png.height, png.depth, png.colourType]).to.deep.equal([32, 32, 8, 6]);
    let opaque = 0;
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const [r, g, b, a] = png.pixel(x, y);
        if (a! > 0) expect([r, g, b], `pixel ${x},${y}`).to.deep.equal([255, 255, 255]);
        if (a === 255) opaque++;
      }
    }
    expect(png.pixel(0, 0)[3]).to.equal(0);
    expect(png.pixel(31, 31)[3]).to.equal(0);
    // A mark, not a blank or a filled square.
    expect(opaque).to.be.within(100, 700);
  });

  it('zips manifest.json, color.png and outline.png at the root, the same bytes for the same input', () => {
    const { zip, manifest } = teamsAppPackage({ appId: APP_ID });
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).to.deep.equal(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(strFromU8(files['manifest.json']!))).to.deep.equal(manifest);
    expect(readPng(files['color.png']!).width).to.equal(192);
    expect(Buffer.from(teamsAppPackage({ appId: APP_ID }).zip).equals(Buffer.from(zip))).to.equal(true);
  });

  it('refuses raster bytes that do not match the size', () => {
    expect(() => encodePng({ width: 2, height: 2, channels: 4, pixels: new Uint8Array(15) })).to.throw(RangeError, '16 bytes, not 15');
  });
});
