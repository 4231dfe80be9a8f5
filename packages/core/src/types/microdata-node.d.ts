// microdata-node ships JavaScript only; the one call Sous makes, typed from its README.
declare module "microdata-node" {
  export interface MicrodataItem {
    type?: string[];
    id?: string;
    properties: Record<string, (string | MicrodataItem)[]>;
  }
  export function toJson(html: string, config?: { base?: string }): { items: MicrodataItem[] };
}
