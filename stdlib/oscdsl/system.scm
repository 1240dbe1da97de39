;;; The operating system as a store item: lowering an operating-system
;;; record builds its system directory, which container-script boots.

(define-module (oscdsl system)
  #:use-module (srfi srfi-1)
  #:use-module (gnu system)
  #:use-module (gnu packages)
  #:use-module (gnu services)
  #:use-module (gnu services shepherd)
  #:use-module (guix gexp)
  #:export (operating-system-system-data
            make-forkexec-constructor
            make-system-constructor
            make-kill-destructor))

(define (operating-system-system-data os)
  "Return what building the system directory of OS needs, as a list: OS, its
host name, accounts, groups, shepherd services, /etc entries, the names of
the service types oscdsl cannot run, the names of its packages, and this
module (in which the services' start and stop expressions are evaluated)."
  (let ((services (operating-system-services os)))
    (list os
          (operating-system-host-name os)
          (operating-system-accounts os)
          (operating-system-groups os)
          (service-value
           (fold-services services #:target-type shepherd-root-service-type))
          (service-value
           (fold-services services #:target-type etc-service-type))
          (map (lambda (service)
                 (service-type-name (service-kind service)))
               (remove (lambda (service)
                         (service-type-runnable? (service-kind service)))
                       services))
          (map package-host-entry (operating-system-packages os))
          (current-module))))

;; Packages lower to the host distribution's software, imported into the
;; store and laid out as Guix lays out a package.
(define (package-host-entry package)
  "Return (NAME . HOST) for PACKAGE: HOST is the Debian package it was made
for with host-package, or #f to look NAME up in the table of equivalents."
  (cons (package-name package)
        (or (assq-ref (package-properties package) 'host-package) #f)))

(%register-gexp-compiler! package?
                          (lambda (package)
                            (let ((entry (package-host-entry package)))
                              (%package-item (car entry) (cdr entry)))))

;; Operating systems are file-like: #$os in a gexp is the system directory.
(%register-gexp-compiler! operating-system?
                          (lambda (os)
                            (%system-item (operating-system-system-data os))))
