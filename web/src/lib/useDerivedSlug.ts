import { useState } from 'react';
import { slugify } from './slug';

/**
 * A slug made from a name until someone types their own: `value` follows the name, `edit` takes a typed one,
 * `keep` fixes the made one (so a taken slug can be changed in place).
 */
export function useDerivedSlug(name: string, initial = '', edited = false) {
  const [slug, setSlug] = useState(initial);
  const [isEdited, setEdited] = useState(edited);
  const value = isEdited ? slug : slugify(name);
  const edit = (next: string) => {
    setEdited(true);
    setSlug(next);
  };
  const keep = () => {
    if (!isEdited) edit(value);
  };
  return { value, edited: isEdited, edit, keep };
}
