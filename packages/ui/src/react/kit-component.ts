import { createElement, type ReactNode, useEffect, useLayoutEffect, useRef } from "react";
import { defineElements } from "../define-elements.ts";
import type { Strings } from "../i18n/strings.ts";

/** What every kit component takes. */
export interface KitProps {
  /** Single strings to use instead of the kit's. */
  strings?: Partial<Strings>;
  /** The language (BCP 47), when not the page's or the browser's. */
  lang?: string;
  /** The level of the component's heading. */
  level?: 1 | 2 | 3;
  className?: string;
}

/**
 * One of the kit's custom elements, rendered for a React component: attributes from props, `strings`
 * set as the element's property, and `on…` props called with the detail of the element's events. The
 * element does the work, so React apps and others get the same screens.
 */
export function useKitElement<P extends KitProps>(
  tag: string,
  props: P,
  attributes: Partial<Record<keyof P, string>>,
  events: Partial<Record<keyof P, string>>,
): ReactNode {
  defineElements();
  // Layout effects warn in server rendering, where there is nothing to set up; the choice holds per runtime.
  const useClientLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;
  const ref = useRef<HTMLElement & { strings: Partial<Strings> }>(null);
  const latest = useRef(props);
  const names = useRef(events);
  latest.current = props;
  useClientLayoutEffect(() => {
    if (ref.current && props.strings) ref.current.strings = props.strings;
  }, [props.strings]);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // The events a component listens to are fixed per component: listen once, call the latest props.
    const listeners = Object.entries(names.current).map(([prop, event]) => {
      const listener = (e: Event) => {
        const handler = latest.current[prop as keyof P] as ((detail: unknown) => void) | undefined;
        handler?.((e as CustomEvent).detail);
      };
      element.addEventListener(event as string, listener);
      return () => element.removeEventListener(event as string, listener);
    });
    return () => {
      for (const remove of listeners) remove();
    };
  }, []);
  const plain: Record<string, unknown> = { ref, lang: props.lang, level: props.level, className: props.className };
  for (const [prop, attribute] of Object.entries(attributes)) {
    const value = props[prop as keyof P];
    // A boolean is an attribute present or absent, in every React version (18 would write "false").
    plain[attribute as string] = typeof value === "boolean" ? (value ? "" : undefined) : value;
  }
  return createElement(tag, plain);
}
