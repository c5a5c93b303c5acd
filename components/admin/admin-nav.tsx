"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./admin.module.css";

export function AdminNav({ label, links }: { label: string; links: { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className={styles.nav}>
      {links.map((link) => {
        const current = pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link key={link.href} href={link.href} aria-current={current ? "page" : undefined} className={styles.navLink}>
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
