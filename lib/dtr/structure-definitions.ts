// The DTR StructureDefinitions the package operation's output names: one home for their URLs.
const DTR = "http://hl7.org/fhir/us/davinci-dtr/StructureDefinition";
export const QR_CONTEXT = `${DTR}/qr-context`;
export const INFORMATION_ORIGIN = `${DTR}/information-origin`;
export const PACKAGE_BUNDLE_PROFILE = `${DTR}/DTR-QPackageBundle`;
