"use client";

import type { RecipientSuggestion } from "@mss/domain/directory/suggest-recipients";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";

const TYPE_LABELS: Record<string, string> = { PER: "personnelle", ORG: "organisationnelle", APP: "applicative", CAB: "cabinet" };
const DEBOUNCE_MS = 200;
const MIN_CHARS = 2;

/** The address being typed: what follows the last separator of the list. */
function currentToken(value: string): { head: string; token: string } {
  const cut = Math.max(value.lastIndexOf(","), value.lastIndexOf(";"));
  return { head: cut >= 0 ? value.slice(0, cut + 1) : "", token: value.slice(cut + 1).trim() };
}

/**
 * A comma-separated recipient list with directory suggestions (ARIA 1.2 combobox with a
 * listbox). Without JavaScript it is a plain text field; choosing a suggestion replaces the
 * address being typed and leaves the others as they are.
 */
export function RecipientField({
  id,
  name,
  label,
  defaultValue,
  isRequired = false,
  describedBy,
  inputClassName,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  isRequired?: boolean;
  describedBy?: string;
  inputClassName: string;
}) {
  const [value, setValue] = useState(defaultValue);
  const [suggestions, setSuggestions] = useState<RecipientSuggestion[]>([]);
  const [isOpen, setIsOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef<AbortController | null>(null);
  const listId = `${useId()}-suggestions`;

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      pending.current?.abort();
    },
    [],
  );

  const close = () => {
    setIsOpen(false);
    setActiveIndex(-1);
  };

  const requestSuggestions = (text: string) => {
    if (timer.current) clearTimeout(timer.current);
    pending.current?.abort();
    if (text.length < MIN_CHARS) {
      setSuggestions([]);
      close();
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      pending.current = controller;
      try {
        const response = await fetch(`/api/directory/suggest?${new URLSearchParams({ text, limit: "8" })}`, { signal: controller.signal });
        if (!response.ok) return;
        const body = (await response.json()) as { suggestions: RecipientSuggestion[] };
        setSuggestions(body.suggestions);
        setIsOpen(body.suggestions.length > 0);
        setActiveIndex(-1);
        setAnnouncement(body.suggestions.length === 0 ? "Aucune suggestion." : `${body.suggestions.length} suggestion${body.suggestions.length > 1 ? "s" : ""} ; flèches pour parcourir, Entrée pour choisir.`);
      } catch {
        // Aborted by a newer keystroke, or offline: the field still works as plain text.
      }
    }, DEBOUNCE_MS);
  };

  const choose = (suggestion: RecipientSuggestion) => {
    const { head } = currentToken(value);
    setValue(`${head ? `${head.trimEnd()} ` : ""}${suggestion.address}, `);
    setSuggestions([]);
    close();
    setAnnouncement(`${suggestion.address} ajouté.`);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (suggestions.length === 0) return;
      event.preventDefault();
      setIsOpen(true);
      const count = suggestions.length;
      setActiveIndex((index) => (event.key === "ArrowDown" ? (index + 1) % count : index <= 0 ? count - 1 : index - 1));
    } else if (event.key === "Enter" && isOpen && activeIndex >= 0) {
      const suggestion = suggestions[activeIndex];
      if (!suggestion) return;
      event.preventDefault();
      choose(suggestion);
    } else if (event.key === "Escape" && isOpen) {
      event.preventDefault();
      close();
    }
  };

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className="relative">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="text"
        required={isRequired}
        value={value}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={isOpen}
        aria-controls={listId}
        aria-activedescendant={isOpen && activeIndex >= 0 ? optionId(activeIndex) : undefined}
        aria-describedby={describedBy}
        onChange={(event) => {
          setValue(event.target.value);
          requestSuggestions(currentToken(event.target.value).token);
        }}
        onKeyDown={onKeyDown}
        onBlur={close}
        className={inputClassName}
      />
      <div
        id={listId}
        role="listbox"
        aria-label={`Suggestions de destinataires (${label})`}
        hidden={!isOpen}
        className="absolute z-10 mt-1 max-h-80 w-full overflow-auto rounded border border-slate-300 bg-white shadow-lg"
      >
        {suggestions.map((suggestion, index) => (
          <div
            key={suggestion.address}
            id={optionId(index)}
            role="option"
            tabIndex={-1}
            aria-selected={index === activeIndex}
            // mousedown, not click: the field keeps the focus and does not close the list first.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(suggestion);
            }}
            className={`cursor-pointer px-3 py-2 text-sm ${index === activeIndex ? "bg-slate-200" : "hover:bg-slate-100"}`}
          >
            <span className="block font-medium">
              {suggestion.displayName}
              {suggestion.isRecent && <span className="ml-2 text-xs font-normal text-slate-700">(récent)</span>}
            </span>
            <span className="block break-all font-mono text-xs">{suggestion.address}</span>
            <span className="block text-xs text-slate-700">
              {[suggestion.mailboxType ? `BAL ${TYPE_LABELS[suggestion.mailboxType] ?? suggestion.mailboxType}` : null, suggestion.organization]
                .filter(Boolean)
                .join(" · ")}
            </span>
            {suggestion.isOutsideTrustSpace && <span className="mt-1 block text-xs font-semibold text-danger">⚠ hors espace de confiance</span>}
          </div>
        ))}
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </div>
  );
}
