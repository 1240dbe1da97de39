;; A system meant for an image: a placeholder bootloader and root, and the
;; Guix daemon as its only service, shaped like Guix's docker-image
;; template.

(use-modules (gnu))

(operating-system
  (host-name "docker")
  (bootloader (bootloader-configuration
                (bootloader grub-bootloader)
                (targets '("does-not-matter"))))
  (file-systems (list (file-system
                        (device "does-not-matter")
                        (mount-point "/")
                        (type "does-not-matter"))))
  (services (list (service guix-service-type))))
