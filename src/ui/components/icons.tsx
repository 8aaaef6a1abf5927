import type { SVGProps } from 'react';

/** Small inline icons (no icon font: the page must render the same on machines without symbol fonts). */
function Icon({ children, size = 16, ...rest }: SVGProps<SVGSVGElement> & { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      {children}
    </svg>
  );
}

export const ChevronRight = (props: SVGProps<SVGSVGElement> & { size?: number }) => (
  <Icon {...props}>
    <path d="M9 6l6 6-6 6" />
  </Icon>
);

export const ChevronDown = (props: SVGProps<SVGSVGElement> & { size?: number }) => (
  <Icon {...props}>
    <path d="M6 9l6 6 6-6" />
  </Icon>
);

export const Dots = (props: SVGProps<SVGSVGElement> & { size?: number }) => (
  <Icon {...props}>
    <circle cx="5" cy="12" r="1" />
    <circle cx="12" cy="12" r="1" />
    <circle cx="19" cy="12" r="1" />
  </Icon>
);

export const Cross = (props: SVGProps<SVGSVGElement> & { size?: number }) => (
  <Icon {...props}>
    <path d="M18 6L6 18M6 6l12 12" />
  </Icon>
);

export const ArrowUp = (props: SVGProps<SVGSVGElement> & { size?: number }) => (
  <Icon {...props}>
    <path d="M12 19V5M5 12l7-7 7 7" />
  </Icon>
);

export const ArrowDown = (props: SVGProps<SVGSVGElement> & { size?: number }) => (
  <Icon {...props}>
    <path d="M12 5v14M19 12l-7 7-7-7" />
  </Icon>
);

/** The handle rows are dragged by. */
export const Grip = (props: SVGProps<SVGSVGElement> & { size?: number }) => (
  <Icon {...props}>
    <circle cx="9" cy="6" r="1" />
    <circle cx="15" cy="6" r="1" />
    <circle cx="9" cy="12" r="1" />
    <circle cx="15" cy="12" r="1" />
    <circle cx="9" cy="18" r="1" />
    <circle cx="15" cy="18" r="1" />
  </Icon>
);

export const Check = (props: SVGProps<SVGSVGElement> & { size?: number }) => (
  <Icon {...props}>
    <path d="M20 6L9 17l-5-5" />
  </Icon>
);

export const Plus = (props: SVGProps<SVGSVGElement> & { size?: number }) => (
  <Icon {...props}>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);
