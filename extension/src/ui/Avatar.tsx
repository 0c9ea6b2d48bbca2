import { avatarHue, initials } from './avatar';

/** A user's initials on their colour; decorative, as their name is always written beside it. */
export function Avatar({ name, small }: { name: string; small?: boolean }) {
  return (
    <span class={small ? 'avatar small' : 'avatar'} aria-hidden="true" style={{ '--avatar-hue': avatarHue(name) }}>
      {initials(name)}
    </span>
  );
}
