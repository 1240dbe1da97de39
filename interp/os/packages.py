"""The package names configs use, by (gnu packages ...) module: one data table.

A package here is a record with a name and a version; realizing it from the
host distribution is separate work.  ``write_modules`` writes the
``stdlib/gnu/packages/*.scm`` files from :data:`PACKAGES`, so that each module
declares its exports (which the unbound-variable hints read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..datums import Symbol

# Module (the last part of its name) -> "variable[=name]@version" entries.
PACKAGES: dict[str, str] = {
    "base": "coreutils@9.1 grep@3.11 sed@4.9 findutils@4.10.0 diffutils@3.10 "
    "patch@2.7.6 gawk@5.3.0 tar@1.35 gzip@1.13 which@2.21 hello@2.12.1 "
    "glibc@2.39 glibc-utf8-locales@2.39 make=make@4.4.1 tzdata@2024a",
    "bash": "bash@5.2.21 bash-minimal@5.2.21",
    "compression": "bzip2@1.0.8 xz@5.4.5 lzip@1.24 zstd@1.5.6 unzip@6.0 zip@3.0",
    "admin": "shadow@4.14.3 sudo@1.9.15 inetutils@2.5 isc-dhcp@4.4.3 "
    "procps@3.3.16 psmisc@23.6 htop@3.3.0 dhcpcd@10.0.6 opendoas@6.8.2",
    "less": "less@643",
    "zile": "mg@7.3",
    "nano": "nano@8.0",
    "nvi": "nvi@1.81.6",
    "man": "man-db@2.12.1 man-pages@6.9.1",
    "texinfo": "info-reader@7.1 texinfo@7.1",
    "linux": "kbd@2.6.4 pciutils@3.12.0 usbutils@017 util-linux@2.40.1 "
    "util-linux+udev@2.40.1 kmod@31 eudev@3.2.14 iproute=iproute2@6.9.0 "
    "iw@6.9 wireless-tools@30.pre9 e2fsprogs@1.47.0 lvm2@2.03.22 "
    "fuse@3.16.2 alsa-utils@1.2.11 crda@3.18 linux-libre@6.9.9 "
    "linux-libre-lts@6.6.40 ntfs-3g@2022.10.3 btrfs-progs@6.9",
    "guile": "guile-3.0@3.0.9 guile-readline@3.0.9 guile-colorized@0.1",
    "wget": "wget@1.24.5",
    "curl": "curl@8.6.0",
    "certs": "nss-certs@3.99",
    "nss": "nss@3.99",
    "ssh": "openssh@9.8p1 openssh-sans-x@9.8p1 dropbear@2024.85 mosh@1.4.0",
    "screen": "screen@4.9.1 tmux@3.4",
    "tmux": "tmux@3.4",
    "emacs": "emacs@29.4 emacs-no-x@29.4 emacs-pgtk@29.4",
    "emacs-xyz": "emacs-exwm@0.32 emacs-desktop-environment@0.5.0 "
    "emacs-magit=emacs-magit@4.1.0 emacs-org@9.7.9",
    "ratpoison": "ratpoison@1.4.9",
    "suckless": "dmenu@5.3 st@0.9.2 slock@1.5 dwm@6.5",
    "wm": "i3-wm@4.23 i3status@2.14 sway@1.9 swaylock@1.7.2 awesome@4.3 openbox@3.6.1",
    "xorg": "xterm@392 xorg-server@21.1.13 xrandr@1.5.2 setxkbmap@1.3.4 xinit@1.4.2",
    "xdisorg": "rofi@1.7.5 xdotool@3.20211022.1",
    "bootloaders": "grub@2.12 grub-efi@2.12 u-boot@2024.01",
    "python": "python@3.10.7 python-wrapper@3.10.7 python-minimal@3.10.7",
    "web": "nginx@1.26.1 httpd@2.4.62",
    "version-control": "git@2.46.0 subversion@1.14.2 mercurial@6.7",
    "vim": "vim@9.1.0744 neovim@0.10.1",
    "package-management": "guix@1.4.0 nix@2.24.9",
    "networking": "nftables@1.0.9 iptables@1.8.10 openntpd@6.8p1 "
    "network-manager@1.48.10 wpa-supplicant@2.10 modem-manager@1.22.0 "
    "connman@1.42",
    "ntp": "ntp@4.2.8p18",
    "gnome": "gnome@46.0 network-manager-applet@1.36.0 gvfs@1.54.2",
    "xfce": "xfce@4.18 xfce4-session@4.18.4",
    "gnuzilla": "icecat@115.16.0",
    "fonts": "font-dejavu@2.37 font-gnu-freefont@20120503",
    "file-systems": "dosfstools@4.2 exfat-utils@1.4.0",
    "cups": "cups@2.4.9",
    "databases": "postgresql@16.4 redis@7.2.5 sqlite@3.45.3",
    "rsync": "rsync@3.3.0",
    "docker": "docker@24.0.9 containerd@1.7.22",
    "terminals": "alacritty@0.13.2 foot@1.18.1",
    "shells": "zsh@5.9 fish@3.7.1 dash@0.5.12",
    "freedesktop": "elogind@252.24 udisks@2.10.1 accountsservice@23.13.9 upower@1.90.4",
    "glib": "dbus@1.15.8",
    "avahi": "avahi@0.8",
    "polkit": "polkit@121",
    "gnupg": "gnupg@2.4.5 pinentry@1.3.1",
    "mail": "mutt@2.2.13 notmuch@0.38.3",
    "node": "node@22.7.0",
    "golang": "go@1.22.6",
    "rust": "rust@1.82.0",
    "gcc": "gcc@14.2.0",
    "commencement": "gcc-toolchain@14.2.0",
    "pulseaudio": "pulseaudio@17.0",
    "cryptsetup": "cryptsetup@2.7.5",
    "search": "mlocate@0.26",
    "mcron": "mcron@1.2.3",
    "ncurses": "ncurses@6.2.20210619",
    "disk": "parted@3.6 gptfdisk@1.0.10",
    "display-managers": "gdm@46.0 sddm@0.21.0 slim@1.4.0",
}


def entries(module: str) -> list[tuple[str, str, str]]:
    """Return (variable, package name, version) of each package of MODULE."""
    result = []
    for entry in PACKAGES.get(module, "").split():
        variable, version = entry.rsplit("@", 1)
        name = variable
        if "=" in variable:
            variable, name = variable.split("=", 1)
        result.append((variable, name, version))
    return result


def module_names() -> list[str]:
    """Return the modules (last name parts) that hold at least one package."""
    return [module for module in PACKAGES if entries(module)]


def install(module: Any) -> None:
    """Define the packages of MODULE, a (gnu packages X) module, as records."""
    from .records import make_record

    package_type = module.system.resolve(("gnu", "packages")).lookup(
        Symbol("<package>")
    )
    info = package_type.value.properties["info"]
    for variable, name, version in entries(module.name[-1]):
        module.define(Symbol(variable), make_record(info, name=name, version=version))


def all_packages(module: Any) -> Any:
    """Return the list of every package of the package modules of MODULE's system."""
    from ..datums import make_list

    system = module.system
    found = []
    for name in module_names():
        package_module = system.resolve(("gnu", "packages", name))
        for variable, _, _ in entries(name):
            found.append(package_module.lookup(Symbol(variable)).value)
    return make_list(found)


def module_text(module: str) -> str:
    """Return the source of the Scheme module (gnu packages MODULE)."""
    names = [variable for variable, _, _ in entries(module)]
    exports = "\n            ".join(names)
    return (
        f";;; Packages of (gnu packages {module}), as name and version records.\n"
        ";;; Generated from oscdsl.os.packages.PACKAGES by write_modules.\n\n"
        f"(define-module (gnu packages {module})\n"
        "  #:use-module (gnu packages)\n"
        f"  #:export ({exports}))\n\n"
        '((python-ref (python-import "oscdsl.os") "install")\n'
        ' (current-module) "packages")\n'
    )


def write_modules(directory: Path) -> list[Path]:
    """Write one Scheme file per package module into DIRECTORY; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for module in module_names():
        path = directory / f"{module}.scm"
        path.write_text(module_text(module))
        written.append(path)
    return written
