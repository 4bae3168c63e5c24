// The plugin test kit (fake host, fake incident, recorded effects) lands here.
export {};
