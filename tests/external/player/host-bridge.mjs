// Entry point bundled (esbuild, at test time) for the test host page: the host side of MCP Apps
// exactly as the official package ships it.
export { AppBridge, PostMessageTransport, RESOURCE_MIME_TYPE } from "@modelcontextprotocol/ext-apps/app-bridge";
