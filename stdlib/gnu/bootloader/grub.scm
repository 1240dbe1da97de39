;;; GRUB, for BIOS and EFI machines.

(define-module (gnu bootloader grub)
  #:use-module (gnu bootloader)
  #:use-module (gnu packages bootloaders)
  #:export (grub-bootloader
            grub-efi-bootloader
            grub-efi-removable-bootloader
            grub-theme
            grub-image))

(define grub-bootloader
  (bootloader
    (name 'grub)
    (package grub)
    (configuration-file "/boot/grub/grub.cfg")))

(define grub-efi-bootloader
  (bootloader
    (name 'grub-efi)
    (package grub-efi)
    (configuration-file "/boot/grub/grub.cfg")))

(define grub-efi-removable-bootloader
  (bootloader
    (name 'grub-efi-removable)
    (package grub-efi)
    (configuration-file "/boot/grub/grub.cfg")))

(define* (grub-theme #:key (image #f) (resolution '(1024 . 768)))
  "Return a GRUB theme description (kept as data)."
  (list 'grub-theme image resolution))

(define* (grub-image #:key (aspect-ratio 4/3) (file #f))
  "Return a GRUB background image description (kept as data)."
  (list 'grub-image aspect-ratio file))
