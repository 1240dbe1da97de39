;;; Packages of (gnu packages bootloaders), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages bootloaders)
  #:use-module (gnu packages)
  #:export (grub
            grub-efi
            u-boot))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
