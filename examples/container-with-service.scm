;; A container with a service of its own: a shepherd service that writes
;; the date to a log file every minute, added with simple-service.

(use-modules (gnu)
             (gnu services shepherd)
             (gnu packages base))

(define clock-service
  (simple-service 'clock shepherd-root-service-type
                  (list (shepherd-service
                          (documentation "Log the date every minute.")
                          (provision '(clock))
                          (requirement '(user-processes))
                          (start #~(make-forkexec-constructor
                                    (list "/bin/sh" "-c"
                                          (string-append
                                           "while true; do "
                                           #$(file-append coreutils "/bin/date")
                                           " >> /var/log/clock.log; "
                                           "sleep 60; done"))))
                          (stop #~(make-kill-destructor))))))

(operating-system
  (host-name "clock")
  (bootloader (bootloader-configuration
                (bootloader grub-bootloader)
                (targets '("/dev/null"))))
  (file-systems %base-file-systems)
  (services (cons clock-service %base-services)))
