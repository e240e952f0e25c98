#!/bin/sh
# Installs Parallax from the folder this script is in (an unpacked tarball made by
# packaging/tarball): the program, its desktop entry and icon, and the type of its
# project files, so that the desktop lists Parallax and opens project files with it.
#
#   ./install.sh                     for you alone, under ~/.local
#   sudo ./install.sh /usr/local     for everyone
#   ./install.sh --uninstall [PREFIX]  removes what it installed
set -eu

here=$(cd "$(dirname "$0")" && pwd)
action=install
if [ "${1:-}" = "--uninstall" ]; then
    action=uninstall
    shift
fi
prefix=${1:-$HOME/.local}

cd "$here"
for file in $(find bin share -type f | sort); do
    if [ "$action" = install ]; then
        case "$file" in
            bin/*) mode=755 ;;
            *) mode=644 ;;
        esac
        install -D -m "$mode" "$file" "$prefix/$file"
    else
        rm -f "$prefix/$file"
    fi
done
[ "$action" = uninstall ] && rmdir "$prefix/share/doc/parallax" 2>/dev/null || true

# The desktop reads these caches, not the files: bring them up to date where the tools are.
if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$prefix/share/mime"
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$prefix/share/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t -f "$prefix/share/icons/hicolor" || true
fi

if [ "$action" = install ]; then
    echo "Installed Parallax under $prefix: run $prefix/bin/parallax, or open it from the desktop's menu."
    case ":$PATH:" in
        *":$prefix/bin:"*) ;;
        *) echo "$prefix/bin is not on your PATH: add it to run \`parallax\` by name." ;;
    esac
else
    echo "Removed Parallax from $prefix."
fi
