// Share-link fragments for the end-to-end checks.

// A persona's answers as a link fragment: `organisation=startup&help=funding.ip`.
export function answersFragment(answers) {
  return Object.entries(answers).map(([q, a]) => `${q}=${[a].flat().join('.')}`).join('&');
}
