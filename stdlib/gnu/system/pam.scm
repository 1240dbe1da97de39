;;; Pluggable authentication modules, as data.

(define-module (gnu system pam)
  #:use-module (guix records)
  #:use-module (gnu services)
  #:export (pam-service
            pam-service?
            pam-service-name
            pam-entry
            base-pam-services
            unix-pam-service
            pam-root-service-type))

(define-record-type* <pam-entry> pam-entry
  make-pam-entry
  pam-entry?
  (control pam-entry-control)
  (module pam-entry-module)
  (arguments pam-entry-arguments (default '())))

(define-record-type* <pam-service> pam-service
  make-pam-service
  pam-service?
  (name pam-service-name)
  (account pam-service-account (default '()))
  (auth pam-service-auth (default '()))
  (password pam-service-password (default '()))
  (session pam-service-session (default '())))

(define* (unix-pam-service name #:key allow-empty-passwords?)
  "Return the PAM service NAME authenticating against /etc/shadow."
  (pam-service (name name)))

(define (base-pam-services)
  "Return the PAM services every system has."
  (map unix-pam-service '("passwd" "chfn" "chsh" "sudo" "su" "login")))

(define pam-root-service-type
  (service-type
    (name 'pam)
    (extensions
     (list (service-extension etc-service-type
                              (lambda (services)
                                (list (list "pam.d" services))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "The PAM services of the system, in /etc/pam.d.")))
