;;; Packages of (gnu packages linux), as name and version records.
;;; Generated from oscdsl.os.packages.PACKAGES by write_modules.

(define-module (gnu packages linux)
  #:use-module (gnu packages)
  #:export (kbd
            pciutils
            usbutils
            util-linux
            util-linux+udev
            kmod
            eudev
            iproute
            iw
            wireless-tools
            e2fsprogs
            lvm2
            fuse
            alsa-utils
            crda
            linux-libre
            linux-libre-lts
            ntfs-3g
            btrfs-progs))

((python-ref (python-import "oscdsl.os") "install")
 (current-module) "packages")
