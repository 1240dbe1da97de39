;;; Services: service types, instances, extensions between them, and how a
;;; list of services folds into one value (the system, the boot script...).

(define-module (gnu services)
  #:use-module (guix records)
  #:use-module (srfi srfi-1)
  #:use-module (srfi srfi-9)
  #:export (service-extension
            service-extension?
            service-extension-target
            service-extension-compute

            service-type
            service-type?
            service-type-name
            service-type-extensions
            service-type-compose
            service-type-extend
            service-type-default-value
            service-type-description
            service-type-location
            &no-default-value
            inert-service-type

            service
            service?
            service-kind
            service-value
            service-parameters
            simple-service
            modify-services
            validate-service-list
            service-back-edges
            instantiate-missing-services
            fold-services

            service-type-runnable?
            %oscdsl-runnable-service-types

            system-service-type
            boot-service-type
            cleanup-service-type
            activation-service-type
            etc-service-type
            etc-directory
            profile-service-type
            firmware-service-type
            privileged-program-service-type
            setuid-program-service-type
            special-files-service-type
            extra-special-file
            session-environment-service-type
            linux-loadable-module-service-type
            provenance-service-type
            %boot-service
            %activation-service))

;;; Commentary:
;;;
;;; A service type says which other types it extends and how: each
;;; service-extension maps this service's value to a contribution to its
;;; target.  fold-services walks the extension graph from the leaves to one
;;; target (system-service-type, or boot-service-type for the boot script)
;;; and combines contributions with the target type's 'compose' and 'extend'.
;;; Service types are compared by identity (eq?), as in Guix.
;;;
;;; Code:


;;;
;;; Types and instances.
;;;

(define-record-type <service-extension>
  (service-extension target compute)
  service-extension?
  (target service-extension-target)
  (compute service-extension-compute))

(define &no-default-value
  ;; The default value of types whose services must be given a value.
  (list 'no-default-value))

(define-record-type* <service-type> service-type
  make-service-type
  service-type?
  (name service-type-name)
  (extensions service-type-extensions)
  (compose service-type-compose (default #f))
  (extend service-type-extend (default #f))
  (default-value service-type-default-value (default &no-default-value))
  ;; Guix requires a description; oscdsl accepts types written without one.
  (description service-type-description (default #f))
  (location service-type-location (innate)
            (default (%current-construction-location))))

(define-record-type* <service> %service
  make-service
  service?
  (type service-kind)
  (value service-value))

(define (service-parameters service)
  "Return the value of SERVICE (the name older configs use)."
  (service-value service))

(define %no-value (list 'no-value))

(define* (service type #:optional (value %no-value))
  "Return a service of TYPE with VALUE, or with TYPE's default value when
VALUE is omitted; it is an error to omit VALUE when TYPE has no default."
  (unless (service-type? type)
    (error (format #f "service: expected a service type, got ~s~a" type
                   (if (service? type)
                       "; it is already a service, drop the (service ...)"
                       ""))))
  (if (eq? value %no-value)
      (let ((default (service-type-default-value type)))
        (when (eq? default &no-default-value)
          (error (format #f "no value specified for service of type '~a'"
                         (service-type-name type))))
        (make-service type default))
      (make-service type value)))

(define (simple-service name target value)
  "Return a service that extends TARGET with VALUE, of a new type called NAME.
Each call makes a distinct type, so such a service can only be recognized
through a reference to the service itself."
  (service (service-type
             (name name)
             (extensions (list (service-extension target identity)))
             (description "A service extending another one with a value."))
           value))

(define (validate-service-list services)
  "Return SERVICES if it is a list of services, else raise an error naming the
first element that is not a service."
  (unless (list? services)
    (error "the 'services' field must be a list of services, got" services))
  (for-each (lambda (item)
              (unless (service? item)
                (error (if (service-type? item)
                           (format #f (string-append
                                       "~a is a service type, not a service; "
                                       "write (service ~a-service-type ...)")
                                   (service-type-name item)
                                   (service-type-name item))
                           (format #f "not a service in the 'services' list: ~s"
                                   item)))))
            services)
  services)


;;;
;;; modify-services.
;;;

(define (apply-service-clause services clause)
  "Return SERVICES changed by CLAUSE, (KIND . #f) to delete the services of
KIND or (KIND . PROC) to replace each one's value by PROC of it.  It is an
error for no service of KIND to be present."
  (let ((kind (car clause))
        (proc (cdr clause)))
    (unless (service-type? kind)
      (error "modify-services: not a service type:" kind))
    (unless (any (lambda (s) (eq? (service-kind s) kind)) services)
      (error (format #f "modify-services: no service of type '~a' to ~a"
                     (service-type-name kind)
                     (if proc "modify" "delete"))))
    (if proc
        (map (lambda (s)
               (if (eq? (service-kind s) kind)
                   (make-service kind (proc (service-value s)))
                   s))
             services)
        (remove (lambda (s) (eq? (service-kind s) kind)) services))))

(define (%modify-services services clauses)
  "Return SERVICES with CLAUSES applied in order."
  (fold (lambda (clause result)
          (apply-service-clause result clause))
        services
        clauses))

(define-syntax modify-services-clause
  (syntax-rules (delete =>)
    ((_ (delete kind))
     (cons kind #f))
    ((_ (kind param => body ...))
     (cons kind (lambda (param) body ...)))))

;; (modify-services SERVICES CLAUSE ...) returns SERVICES changed by each
;; CLAUSE in turn: (TYPE VARIABLE => BODY ...) replaces the value of the
;; services of TYPE by BODY, with VARIABLE bound to the old value, and
;; (delete TYPE) removes them.
(define-syntax modify-services
  (syntax-rules ()
    ((_ services clause ...)
     (%modify-services services (list (modify-services-clause clause) ...)))))


;;;
;;; Folding services.
;;;

(define (service-back-edges services)
  "Return a procedure that returns the services among SERVICES that extend a
given service."
  (lambda (target)
    (filter (lambda (s)
              (any (lambda (extension)
                     (eq? (service-extension-target extension)
                          (service-kind target)))
                   (service-type-extensions (service-kind s))))
            services)))

(define (instantiate-missing-services services)
  "Return SERVICES with a default instance added for each extension target
that none of them is; it is an error for such a target to have no default."
  (let loop ((services services))
    (let* ((kinds (map service-kind services))
           (missing (delete-duplicates
                     (append-map
                      (lambda (s)
                        (filter-map (lambda (extension)
                                      (let ((target (service-extension-target
                                                     extension)))
                                        (and (not (memq target kinds))
                                             target)))
                                    (service-type-extensions (service-kind s))))
                      services)
                     eq?)))
      (if (null? missing)
          services
          (loop (append services
                        (map (lambda (type)
                               (when (eq? (service-type-default-value type)
                                          &no-default-value)
                                 (error (format #f (string-append
                                                    "no service of type '~a' to "
                                                    "extend, and it has no "
                                                    "default value")
                                                (service-type-name type))))
                               (service type))
                             missing)))))))

(define* (fold-services services
                        #:key (target-type system-service-type))
  "Return the service of TARGET-TYPE among SERVICES, with its value extended
by every service that extends it, directly or not."
  (define extenders (service-back-edges services))
  (define memo '())

  (define (contributions service)
    (append-map (lambda (extender)
                  (filter-map (lambda (extension)
                                (and (eq? (service-extension-target extension)
                                          (service-kind service))
                                     ((service-extension-compute extension)
                                      (value-of extender))))
                              (service-type-extensions
                               (service-kind extender))))
                (extenders service)))

  (define (compute service)
    (let ((type (service-kind service))
          (parts (contributions service)))
      (cond ((null? parts) (service-value service))
            ((service-type-extend type)
             => (lambda (extend)
                  (let ((compose (or (service-type-compose type) identity)))
                    (extend (service-value service) (compose parts)))))
            (else
             (error (format #f "service type '~a' cannot be extended"
                            (service-type-name type)))))))

  (define (value-of service)
    (let ((known (assq service memo)))
      (if known
          (cdr known)
          (let ((value (compute service)))
            (set! memo (cons (cons service value) memo))
            value))))

  (let ((targets (filter (lambda (s) (eq? (service-kind s) target-type))
                         services)))
    (cond ((null? targets)
           (error (format #f "fold-services: no service of type '~a'"
                          (service-type-name target-type))))
          ((pair? (cdr targets))
           (error (format #f "fold-services: more than one service of type '~a'"
                          (service-type-name target-type))))
          (else
           (make-service target-type (value-of (car targets)))))))


;;;
;;; What oscdsl can run.
;;;

(define %oscdsl-runnable-service-types
  ;; Names of the service types whose effect oscdsl carries out in a
  ;; container.  Any other type still evaluates; the boot reports it as not
  ;; implemented.  A type of the user's own is runnable when everything it
  ;; extends is.
  '(system boot cleanup activation etc profile shepherd-root user-processes
    host-name hosts account special-files session-environment
    privileged-program setuid-program root-file-system file-systems fstab
    user-file-systems dummy-networking static-networking loopback
    openssh dhcpcd nscd guix mcron syslog shepherd-system-log log-rotation
    log-cleanup urandom-seed sysctl provenance firmware))

(define (inert-service-type name default description)
  "Return a service type NAME, with the default value DEFAULT (which may be
&no-default-value), that extends nothing: one that oscdsl knows by name but
does not run."
  (service-type
    (name name)
    (extensions '())
    (default-value default)
    (description description)))

(define (service-type-runnable? type)
  "Return whether oscdsl carries out the effect of service TYPE."
  (or (and (memq (service-type-name type) %oscdsl-runnable-service-types) #t)
      (let ((extensions (service-type-extensions type)))
        (and (pair? extensions)
             (every (lambda (extension)
                      (service-type-runnable?
                       (service-extension-target extension)))
                    extensions)))))


;;;
;;; The root of the graph, and the types most services extend.
;;;

(define (appending-service-type name description)
  "Return a service type NAME whose value is a list that extensions append to."
  (service-type
    (name name)
    (extensions '())
    (compose concatenate)
    (extend append)
    (default-value '())
    (description description)))

(define system-service-type
  ;; Its value is a list of (NAME ITEM) entries of the system directory.
  (appending-service-type 'system
                          "The directory of the whole operating system."))

(define boot-service-type
  (service-type
    (name 'boot)
    (extensions
     (list (service-extension system-service-type
                              (lambda (actions) (list (list "boot" actions))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "The boot script: what runs when the system starts.")))

(define %boot-service (service boot-service-type))

(define cleanup-service-type
  (service-type
    (name 'cleanup)
    (extensions (list (service-extension boot-service-type
                                         (lambda (value) '(cleanup)))))
    (default-value #f)
    (description "Delete stale files of a previous boot (/tmp, /var/run).")))

(define activation-service-type
  (service-type
    (name 'activation)
    (extensions (list (service-extension boot-service-type
                                         (lambda (actions)
                                           (list (cons 'activate actions))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "Run actions that set up the system state at boot.")))

(define %activation-service (service activation-service-type))

(define etc-service-type
  (service-type
    (name 'etc)
    (extensions
     (list (service-extension activation-service-type
                              (lambda (files) '((etc))))
           (service-extension system-service-type
                              (lambda (files) (list (list "etc" files))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "The files of /etc, as (NAME CONTENT) entries.")))

(define (etc-directory service)
  "Return the /etc entries of the etc SERVICE."
  (service-value service))

(define profile-service-type
  (service-type
    (name 'profile)
    (extensions
     (list (service-extension system-service-type
                              (lambda (packages)
                                (list (list "profile" packages))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "The packages installed in the system profile.")))

(define firmware-service-type
  (service-type
    (name 'firmware)
    (extensions
     (list (service-extension system-service-type
                              (lambda (firmware)
                                (list (list "firmware" firmware))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "Firmware made available to the kernel.")))

(define privileged-program-service-type
  (service-type
    (name 'privileged-program)
    (extensions
     (list (service-extension activation-service-type
                              (lambda (programs) '((privileged-programs))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "Programs installed setuid or with capabilities.")))

(define setuid-program-service-type
  ;; The older name.
  privileged-program-service-type)

(define special-files-service-type
  (service-type
    (name 'special-files)
    (extensions
     (list (service-extension activation-service-type
                              (lambda (files) (list (cons 'special-files files))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "Files such as /bin/sh and /usr/bin/env, made at boot.")))

(define (extra-special-file file target)
  "Return a service that makes FILE a link to TARGET at boot."
  (simple-service 'special-file special-files-service-type
                  (list (list file target))))

(define session-environment-service-type
  (service-type
    (name 'session-environment)
    (extensions
     (list (service-extension etc-service-type
                              (lambda (variables)
                                (list (list "environment" variables))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "Environment variables of login sessions (/etc/environment).")))

(define linux-loadable-module-service-type
  (appending-service-type 'linux-loadable-modules
                          "Kernel modules to load; meaningless in a container."))

(define provenance-service-type
  (service-type
    (name 'provenance)
    (extensions
     (list (service-extension etc-service-type
                              (lambda (file)
                                (if file
                                    (list (list "configuration.scm" file))
                                    '())))))
    (default-value #f)
    (description "Record the configuration the system was built from.")))
