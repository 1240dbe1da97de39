;;; Shepherd services: the processes PID 1 starts, stops and respawns.

(define-module (gnu services shepherd)
  #:use-module (guix records)
  #:use-module (srfi srfi-1)
  #:use-module (gnu services)
  #:export (shepherd-root-service-type
            shepherd-service-type
            shepherd-service
            shepherd-service?
            shepherd-service-provision
            shepherd-service-requirement
            shepherd-service-one-shot?
            shepherd-service-respawn?
            shepherd-service-respawn-limit
            shepherd-service-respawn-delay
            shepherd-service-start
            shepherd-service-stop
            shepherd-service-actions
            shepherd-service-auto-start?
            shepherd-service-modules
            shepherd-service-documentation
            shepherd-service-canonical-name
            shepherd-action
            shepherd-action?
            shepherd-action-name
            shepherd-action-documentation
            shepherd-action-procedure
            %default-modules
            user-processes-service-type))

(define %default-modules
  ;; Modules shepherd service bodies use.
  '((oscdsl shepherd)))

(define-record-type* <shepherd-action> shepherd-action
  make-shepherd-action
  shepherd-action?
  (name shepherd-action-name)
  (procedure shepherd-action-procedure)
  (documentation shepherd-action-documentation (default #f)))

(define-record-type* <shepherd-service> shepherd-service
  make-shepherd-service
  shepherd-service?
  (documentation shepherd-service-documentation
                 (default "[No documentation.]"))
  (provision shepherd-service-provision)
  (requirement shepherd-service-requirement (default '()))
  (one-shot? shepherd-service-one-shot? (default #f))
  (respawn? shepherd-service-respawn? (default #t))
  (respawn-limit shepherd-service-respawn-limit (default #f))
  (respawn-delay shepherd-service-respawn-delay (default #f))
  (start shepherd-service-start)
  (stop shepherd-service-stop (default '(const #f)))
  (actions shepherd-service-actions (default '()))
  (auto-start? shepherd-service-auto-start? (default #t))
  (modules shepherd-service-modules (default %default-modules))
  (free-form? shepherd-service-free-form? (default #f)))

(define (shepherd-service-canonical-name service)
  "Return the name of SERVICE: the first symbol it provides."
  (first (shepherd-service-provision service)))

(define shepherd-root-service-type
  ;; Its value is the list of every <shepherd-service> of the system; the
  ;; boot starts them in requirement order.
  (service-type
    (name 'shepherd-root)
    (extensions
     (list (service-extension boot-service-type
                              (lambda (services)
                                (list (cons 'shepherd services))))
           (service-extension profile-service-type (const '()))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "Run the system's services under a supervisor, as PID 1.")))

(define* (shepherd-service-type name proc #:optional default
                                #:key (description "A Shepherd service."))
  "Return a service type NAME whose services are the shepherd service that
PROC returns for their value; DEFAULT is the default value, if any."
  (service-type
    (name name)
    (extensions (list (service-extension shepherd-root-service-type
                                         (lambda (value)
                                           (list (proc value))))))
    (default-value (if default default &no-default-value))
    (description description)))

(define user-processes-service-type
  (service-type
    (name 'user-processes)
    (extensions
     (list (service-extension shepherd-root-service-type
                              (lambda (requirements)
                                (list (shepherd-service
                                        (provision '(user-processes))
                                        (requirement requirements)
                                        (start '(const #t))
                                        (one-shot? #t)))))))
    (compose concatenate)
    (extend append)
    (default-value '())
    (description "The point after which user processes may run.")))
