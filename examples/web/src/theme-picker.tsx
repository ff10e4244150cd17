import { useState } from "react";

type Theme = "auto" | "light" | "dark";

/** The kit follows the system's light or dark; data-lk-theme on <html> overrides it. */
export function ThemePicker() {
  const [theme, setTheme] = useState<Theme>(
    () => (document.documentElement.dataset.lkTheme as Theme | undefined) ?? "auto",
  );
  const choose = (next: Theme) => {
    setTheme(next);
    if (next === "auto") delete document.documentElement.dataset.lkTheme;
    else document.documentElement.dataset.lkTheme = next;
  };
  return (
    <label className="theme">
      <span className="label">Theme</span>
      <select className="lk-input" value={theme} onChange={(event) => choose(event.target.value as Theme)}>
        <option value="auto">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
