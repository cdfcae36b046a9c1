import "server-only";
import { SUPPORTED_SCOPES } from "./scopes";
import { tokenEndpointUrl } from "./urls";

/** GET /.well-known/smart-configuration (SMART App Launch 2.x §Conformance): what a client needs. */
export function smartConfiguration() {
  return {
    token_endpoint: tokenEndpointUrl(),
    token_endpoint_auth_methods_supported: ["private_key_jwt"],
    token_endpoint_auth_signing_alg_values_supported: ["RS384", "ES384"],
    grant_types_supported: ["client_credentials"],
    scopes_supported: [...SUPPORTED_SCOPES],
    capabilities: ["client-confidential-asymmetric", "permission-v1", "permission-v2"],
  };
}
