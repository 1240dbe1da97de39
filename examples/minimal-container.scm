;; The smallest useful system to run as a container: a host name, a user,
;; and the base services.  The bootloader and root file system are required
;; by the record but dropped by containerization.

(use-modules (gnu))

(operating-system
  (host-name "minimal")
  (bootloader (bootloader-configuration
                (bootloader grub-bootloader)
                (targets '("/dev/null"))))
  (file-systems (cons (file-system
                        (device "/dev/placeholder")
                        (mount-point "/")
                        (type "ext4"))
                      %base-file-systems))
  (users (cons (user-account
                 (name "guest")
                 (group "users"))
               %base-user-accounts)))
