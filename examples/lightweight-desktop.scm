;; A desktop with lightweight window managers, shaped like Guix's
;; lightweight-desktop template: EFI boot, a FAT /boot/efi partition, mDNS
;; host lookup, and %desktop-services.

(use-modules (gnu) (gnu system nss))
(use-service-modules desktop)
(use-package-modules bootloaders emacs emacs-xyz ratpoison suckless wm
                     xorg)

(operating-system
  (host-name "antelope")
  (timezone "Europe/Paris")
  (locale "en_US.utf8")

  (bootloader (bootloader-configuration
                (bootloader grub-efi-bootloader)
                (targets '("/boot/efi"))))

  (file-systems (append
                 (list (file-system
                         (device (file-system-label "my-root"))
                         (mount-point "/")
                         (type "ext4"))
                       (file-system
                         (device (uuid "1234-ABCD" 'fat))
                         (mount-point "/boot/efi")
                         (type "vfat")))
                 %base-file-systems))

  (users (cons (user-account
                 (name "alice")
                 (comment "Bob's sister")
                 (group "users")
                 (supplementary-groups '("wheel" "netdev"
                                         "audio" "video")))
               %base-user-accounts))

  (packages (append (list ratpoison i3-wm i3status dmenu
                          emacs emacs-exwm emacs-desktop-environment
                          xterm)
                    %base-packages))

  (services %desktop-services)

  (name-service-switch %mdns-host-lookup-nss))
